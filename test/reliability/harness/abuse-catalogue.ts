// Generated abuse of the bot's edge: forged card actions (real actions taken from real cards, then mutated), hostile
// commands and malformed activities. Everything is drawn from a seeded generator, so a finding can be replayed.
import { randomUUID } from 'node:crypto';
import { CARD_VERBS } from '../../../cards/verbs';
import { MALFORMED_ACTIVITIES } from './malformed-activities';

/** One abusive request: a card action, a chat message, or a raw activity built from a well-formed one. */
export type Attack = { label: string; actor: string } & (
  | { kind: 'invoke'; verb: string; data: unknown }
  | { kind: 'message'; text: string }
  | { kind: 'raw'; patch: (activity: Record<string, any>) => Record<string, any>; base: 'message' | 'invoke' }
);

/** What the generator knows of the world it attacks: real actions and the ids that matter. */
export interface AbuseWorld {
  /** `Action.Execute` actions (verb + data) collected from the cards the operator was shown. */
  actions: { verb: string; data: Record<string, unknown> }[];
  ownTenantIds: string[];
  foreignTenantId: string;
  foreignTenantName: string;
  /** A finished run of the operator's workspace and the (used) confirmation request that started it. */
  finishedRunId: string;
  usedRequestId: string;
}

/** Actors of the abuse: the operator, a viewer, and a member of another workspace. */
const ACTORS = ['demo-operator', 'demo-viewer', 'demo-fabrikam'];

const HUGE = 'A'.repeat(100_000);
const deep = (depth: number): unknown => (depth === 0 ? 'bottom' : { nested: deep(depth - 1) });

/** Values nobody should be able to smuggle through: operators, wrong types, huge and strange strings, prototypes. */
const HOSTILE: readonly unknown[] = [
  { $gt: '' },
  { $ne: null },
  { $regex: '.*' },
  { $where: 'sleep(1000)' },
  { $in: ['a', 'b'] },
  [],
  [{ $gt: '' }],
  0,
  -1,
  1e308,
  3.5,
  true,
  null,
  '',
  ' ',
  HUGE,
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '${process.env.MicrosoftAppPassword}',
  '{{$root}}',
  '${$root.secret}',
  "'; DROP TABLE runs; --",
  '\u0000\u0001\u001f',
  '\u202eevil\u202c',
  '🤖💥'.repeat(100),
  '\ud800',
  JSON.parse('{"__proto__": {"polluted": true}}'),
  { constructor: { prototype: { polluted: true } } },
  deep(200),
];

const ID_KEYS = /(tenantid|runid|requestid|sourceid|targetid)$/i;

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** Every path to a member of `value` (objects and arrays), e.g. ['selection', 'sourceTenantId']. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return entries.flatMap(([key, member]) => [[...prefix, key], ...paths(member, [...prefix, key])]);
}

function replaced(data: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(data) as any;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key];
  if (value === undefined) delete node[path.at(-1)!];
  else node[path.at(-1)!] = value;
  return copy;
}

/** A forged card action: a real action with one thing changed, or sent by someone it was not shown to. */
function forgedAction(random: () => number, world: AbuseWorld): Attack {
  const base = pick(random, world.actions);
  const actor = pick(random, ACTORS);
  const all = paths(base.data);
  const ids = all.filter((p) => ID_KEYS.test(String(p.at(-1))));
  const mutations: (() => Attack)[] = [
    () => {
      const path = pick(random, all.length > 0 ? all : [['extra']]);
      return {
        label: `${base.verb}: ${path.join('.')} hostile`,
        actor,
        kind: 'invoke',
        verb: base.verb,
        data: replaced(base.data, path, pick(random, HOSTILE)),
      };
    },
    () => {
      if (ids.length === 0) return { label: `${base.verb}: as ${actor}`, actor, kind: 'invoke', verb: base.verb, data: base.data };
      const path = pick(random, ids);
      const id = pick(random, [world.foreignTenantId, randomUUID(), world.finishedRunId, world.usedRequestId, ...world.ownTenantIds]);
      return {
        label: `${base.verb}: ${path.join('.')} another object`,
        actor,
        kind: 'invoke',
        verb: base.verb,
        data: replaced(base.data, path, id),
      };
    },
    () => {
      const path = pick(random, all.length > 0 ? all : [['extra']]);
      return {
        label: `${base.verb}: ${path.join('.')} missing`,
        actor,
        kind: 'invoke',
        verb: base.verb,
        data: replaced(base.data, path, undefined),
      };
    },
    () => ({ label: `${base.verb}: data replaced`, actor, kind: 'invoke', verb: base.verb, data: pick(random, HOSTILE) }),
    () => ({
      label: `${base.verb}: stale fingerprint`,
      actor,
      kind: 'invoke',
      verb: base.verb,
      data: { ...base.data, preflightFingerprint: randomUUID().replaceAll('-', '').repeat(2), compareFingerprint: '0'.repeat(64) },
    }),
    () => ({
      label: `${base.verb}: extra operator keys`,
      actor,
      kind: 'invoke',
      verb: base.verb,
      data: { ...base.data, $where: '1', $set: { paused: true }, ...JSON.parse('{"__proto__": {"admin": true}}') },
    }),
    () => ({
      label: 'unknown verb',
      actor,
      kind: 'invoke',
      verb: pick(random, [
        'delete',
        'admin.grant',
        '__proto__',
        'constructor',
        'toString',
        'promotion.confirm ',
        'PROMOTION.CONFIRM',
        HUGE.slice(0, 64),
        '',
      ]),
      data: base.data,
    }),
    () => ({
      label: 'replayed confirm of a finished run',
      actor,
      kind: 'invoke',
      verb: 'promotion.confirm',
      data: { requestId: world.usedRequestId },
    }),
    () => ({ label: `${base.verb}: as ${actor}`, actor, kind: 'invoke', verb: base.verb, data: base.data }),
    () => ({ label: `${pick(random, CARD_VERBS)}: no data`, actor, kind: 'invoke', verb: pick(random, CARD_VERBS), data: undefined }),
  ];
  return pick(random, mutations)();
}

const TEMPLATES: readonly ((h: string, w: AbuseWorld) => string)[] = [
  (h) => `compare ${h} to ${h}`,
  (h) => `compare Contoso Staging to ${h}`,
  (_, w) => `compare ${w.foreignTenantName} to Contoso Production`,
  (_, w) => `compare Contoso Staging to ${w.foreignTenantId}`,
  (h) => `compare Contoso Staging to Contoso Production types ${h}`,
  (h) => `run ${h}`,
  (_, w) => `run ${w.finishedRunId}`,
  (h) => `runs for ${h}`,
  (_, w) => `runs for ${w.foreignTenantName}`,
  (h) => `runs status ${h} page ${h}`,
  (h) => `audit page ${h}`,
  (h) => `sync ${h}`,
  (_, w) => `sync ${w.foreignTenantName}`,
  (h) => `tenants ${h}`,
  (h) => `pause promotions ${h}`,
  () => 'resume promotions',
  (h) => `map group "${h}" to "${h}" for Contoso Staging to Contoso Production`,
  (_, w) => `map group "Finance Laptops" to "Intune - Pilot Devices" for ${w.foreignTenantName} to Contoso Production`,
  (h) => `mappings ${h} to ${h}`,
  (h) => `unmap group "${h}" for Contoso Staging to ${h}`,
  (h) => h,
  () => 'drop database',
  () => 'please delete everything',
  () => '/admin grant demo-viewer',
];

const TEXTS = [
  '{"$gt": ""}',
  '$where',
  'Fabrikam',
  'x'.repeat(5000),
  HUGE,
  '<at>TenantAtlas</at>',
  '\u0000',
  "'; --",
  '../..',
  '🤖',
  '{{$root}}',
  '00000000-0000-0000-0000-000000000000',
];

function hostileCommand(random: () => number, world: AbuseWorld): Attack {
  const text = pick(random, TEMPLATES)(pick(random, TEXTS), world);
  return { label: `command: ${text.slice(0, 40)}`, actor: pick(random, ACTORS), kind: 'message', text };
}

/** `count` attacks: about six in ten forged card actions, a quarter hostile commands, the rest malformed activities. */
export function generateAttacks(random: () => number, world: AbuseWorld, count: number): Attack[] {
  return Array.from({ length: count }, () => {
    const roll = random();
    if (roll < 0.6) return forgedAction(random, world);
    if (roll < 0.85) return hostileCommand(random, world);
    const malformed = pick(random, MALFORMED_ACTIVITIES);
    return { label: malformed.label, actor: pick(random, ACTORS), kind: 'raw', base: malformed.base, patch: malformed.patch };
  });
}
