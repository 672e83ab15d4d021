// Item 4: chat latency over the Bot Framework protocol against the bot in demo mode with warm snapshots: a
// `compare` message until its reply card reached the channel, and a `preflight.generate` invoke until its response,
// each beside a `help` message (same protocol path, no domain work) measured in the same rounds.
import { startSystem } from '../../bot/compose';
import { parseEnv } from '../../core/config/env';
import { DEMO_TENANTS } from '../../core/graph-sandbox/demo-tenants';
import { COLLECTIONS } from '../../core/store/collections';
import { actionInvoke, FakeChannel, messageActivity, postActivity, type Sender } from '../support/fake-channel';
import { stats } from './measure';
import { figure, type BenchFigure } from './results';
import type { BenchContext } from './run';
import { jsonLogger } from '../../core/logging/logger';

const OPERATOR: Sender = { aadObjectId: 'demo-operator', name: 'Demo Operator' };
const COMPARE = 'compare Contoso Staging to Contoso Production';
const TARGET_P95_MS = 300;

/** The first action with that verb anywhere in a card. */
function actionWithVerb(node: unknown, verb: string): Record<string, unknown> | undefined {
  if (Array.isArray(node)) return node.map((n) => actionWithVerb(n, verb)).find(Boolean);
  if (!node || typeof node !== 'object') return undefined;
  const record = node as Record<string, unknown>;
  if (record.verb === verb) return record;
  return Object.values(record)
    .map((v) => actionWithVerb(v, verb))
    .find(Boolean);
}

/** Sends a message and waits until the bot's reply to it reached the channel; resolves with the reply and the time taken. */
async function message(url: string, channel: FakeChannel, text: string): Promise<{ ms: number; reply: Record<string, any> }> {
  const activity = messageActivity(channel, text, OPERATOR);
  const started = performance.now();
  const res = await postActivity(url, activity);
  if (res.status !== 200) throw new Error(`"${text}" answered HTTP ${res.status}`);
  const reply = await channel.waitFor((a) => a.activity.replyToId === activity.id && a.activity.type === 'message', 30_000);
  return { ms: performance.now() - started, reply: reply.activity };
}

/** Clicks an Action.Execute and resolves with the invoke response's card and the time taken. */
async function invoke(url: string, channel: FakeChannel, action: Record<string, unknown>): Promise<{ ms: number; card: any }> {
  const started = performance.now();
  const res = await postActivity(url, actionInvoke(channel, String(action.verb), action.data, OPERATOR));
  const ms = performance.now() - started;
  if (res.status !== 200 || res.body?.type !== 'application/vnd.microsoft.card.adaptive')
    throw new Error(`invoke ${String(action.verb)} answered ${JSON.stringify(res.body).slice(0, 200)}`);
  return { ms, card: res.body.value };
}

/** Waits until the demo worker has inventoried both tenants of the compare. */
async function warmSnapshots(system: Awaited<ReturnType<typeof startSystem>>, timeoutMs = 60_000): Promise<void> {
  const wanted = [DEMO_TENANTS.contosoStaging.id, DEMO_TENANTS.contosoProduction.id];
  const deadline = Date.now() + timeoutMs;
  while (
    (await system.db.collection(COLLECTIONS.inventorySnapshots).countDocuments({ tenantId: { $in: wanted }, subjectCount: { $gt: 0 } })) <
    wanted.length
  ) {
    if (Date.now() > deadline) throw new Error('demo snapshots were not ready in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** p50/p95 of compare → card and preflight invoke → response over `rounds` requests each (after `warmup`). */
export async function chatLatencyFigures(ctx: BenchContext, rounds = 60, warmup = 5): Promise<BenchFigure[]> {
  const { name, uri } = await ctx.mongo.database('chat');
  const channel = await new FakeChannel().start();
  const system = await startSystem(parseEnv({ PORT: '0', DEMO_MODE: 'true', MONGODB_URI: uri, MONGODB_DB: name }), jsonLogger({ write: () => undefined }));
  try {
    const url = `http://127.0.0.1:${system.port}`;
    await warmSnapshots(system);
    const first = await message(url, channel, COMPARE);
    const preflight = actionWithVerb(first.reply.attachments?.[0]?.content, 'preflight.generate');
    if (!preflight) throw new Error('the compare card offers no preflight.generate action');
    const samples = { help: [] as number[], compare: [] as number[], preflight: [] as number[] };
    for (let round = 0; round < warmup + rounds; round++) {
      const help = await message(url, channel, 'help');
      const compare = await message(url, channel, COMPARE);
      if (!compare.reply.attachments?.[0]?.content) throw new Error('compare answered without a card');
      const answered = await invoke(url, channel, preflight);
      if (!JSON.stringify(answered.card).includes('Execute promotion')) throw new Error('the preflight response is not the preflight card');
      if (round < warmup) continue;
      samples.help.push(help.ms);
      samples.compare.push(compare.ms);
      samples.preflight.push(answered.ms);
    }
    const help = stats(samples.help);
    const reference = { value: help.p95, unit: 'ms', label: '`help` message p95' };
    const row = (id: string, title: string, values: number[]) => {
      const s = stats(values);
      return figure({
        id,
        item: 4,
        title,
        value: s.p95,
        unit: 'ms',
        spread: s,
        reference,
        target: { op: '<', value: TARGET_P95_MS, unit: 'ms' },
        notes: `p50 ${s.median.toFixed(0)} ms, p95 ${s.p95.toFixed(0)} ms, max ${s.max.toFixed(0)} ms over ${s.n} requests after ${warmup} warm-up rounds; \`help\` p50 ${help.median.toFixed(0)} ms, p95 ${help.p95.toFixed(0)} ms in the same rounds. Demo tenants, warm snapshots, MongoDB ${ctx.mongo.kind}.`,
      });
    };
    return [
      row('chat-compare-p95', 'Chat latency p95: `compare` message → reply card', samples.compare),
      row('chat-preflight-p95', 'Chat latency p95: preflight.generate invoke → response', samples.preflight),
    ];
  } finally {
    await system.db.dropDatabase().catch(() => undefined);
    await system.stop();
    await channel.stop();
  }
}
