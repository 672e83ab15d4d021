// An in-memory Microsoft Graph holding Intune objects per tenant, for promotion and inventory tests.
// It answers what the executor and the inventory reader send (GET object / collection / navigation, POST create,
// PATCH, PUT, assign, scheduleActionsForRules, setPriority, updateAllowedCombinations, one assignment added or removed,
// $batch of GETs), records every request, and can be told to refuse some. OMA-URI string values are kept encrypted as
// Intune keeps them (isEncrypted, a secretReferenceValueId, an opaque value) and are returned in clear only by
// getOmaSettingPlainTextValue.
import type { Tenant } from '../../core/access/model';
import { errorForFailedResponse } from '../../core/graph/graph-errors';
import type { GraphResponse } from '../../core/graph/graph-response';
import type { BatchAnswer, InventoryGraph } from '../../core/inventory/inventory-graph';
import { REFERENCE_SOURCES } from '../../core/inventory/reference-sources';
import type { PromotionGraph } from '../../core/promotion/promotion-graph';
import { SUBJECT_TYPES } from '../../core/subjects/registry';
import type { GraphJson, GraphRequestSpec } from '../../core/subjects/subject-type';

/** One request as the fake received it. */
export interface RecordedRequest {
  tenantId: string;
  method: GraphRequestSpec['method'];
  path: string;
  body?: unknown;
}

/** Members Graph returns only through `$expand` or their own path. */
const NAVIGATION = ['assignments', 'settings', 'scheduledActionsForRule', 'apps', 'localizedNotificationMessages'];

/** Plain members of one collection that share a navigation member's name (an iOS app configuration's `settings`). */
const PLAIN_MEMBERS: Record<string, string[]> = { [SUBJECT_TYPES.mobileAppConfiguration.collectionPath]: ['settings'] };

/** Navigation members Graph does not take inline on create: written by their own requests afterwards. */
const NOT_INLINE_ON_CREATE = ['apps', 'localizedNotificationMessages'];

/** Every collection the fake serves: the registry's and the reference objects'. */
const COLLECTIONS = [
  ...Object.values(SUBJECT_TYPES).map((t) => t.collectionPath),
  ...Object.values(REFERENCE_SOURCES).map((p) => p.split('?')[0]!),
].sort((a, b) => b.length - a.length);

interface Fault {
  when: (tenantId: string, spec: GraphRequestSpec) => boolean;
  status: number;
  code: string;
  message: string;
  times: number;
}

const clone = <T>(value: T): T => structuredClone(value);

export class FakeIntuneGraph implements PromotionGraph, InventoryGraph {
  readonly requests: RecordedRequest[] = [];
  private readonly tenants = new Map<string, Map<string, Map<string, GraphJson>>>();
  private readonly faults: Fault[] = [];
  private readonly secrets = new Map<string, string>();
  private created = 0;

  /** The plain value of an encrypted OMA-URI setting of `tenantId`, answered by getOmaSettingPlainTextValue. */
  seedSecret(tenantId: string, secretReferenceValueId: string, value: string): this {
    this.secrets.set(`${tenantId}\u0000${secretReferenceValueId}`, value);
    return this;
  }

  /** Every plain secret value the fake holds (for tests asserting where a secret must never appear). */
  secretValues(): string[] {
    return [...this.secrets.values()];
  }

  /** Seeds an object (with `id`; navigation members such as assignments and settings inline). */
  seed(tenantId: string, collectionPath: string, object: GraphJson): this {
    this.collection(tenantId, collectionPath).set(String(object.id), clone(object));
    return this;
  }

  /** The stored object, navigation members included; undefined when absent. */
  object(tenantId: string, collectionPath: string, id: string): GraphJson | undefined {
    const found = this.collection(tenantId, collectionPath).get(id);
    return found ? clone(found) : undefined;
  }

  /** Every stored object of a collection. */
  objects(tenantId: string, collectionPath: string): GraphJson[] {
    return [...this.collection(tenantId, collectionPath).values()].map(clone);
  }

  /** Requests other than GET, optionally only those for one tenant. */
  writes(tenantId?: string): RecordedRequest[] {
    return this.requests.filter((r) => r.method !== 'GET' && (tenantId === undefined || r.tenantId === tenantId));
  }

  /** Answers matching requests with a Graph error (`times` times, default always). */
  failWhen(when: Fault['when'], error: { status: number; code: string; message: string; times?: number }): this {
    this.faults.push({ when, ...error, times: error.times ?? Infinity });
    return this;
  }

  /** Forgets the recorded requests (not the objects). */
  clearRequests(): void {
    this.requests.length = 0;
  }

  async request(tenant: Tenant, spec: GraphRequestSpec): Promise<GraphResponse> {
    this.requests.push({ tenantId: tenant.id, method: spec.method, path: spec.path, ...(spec.body !== undefined ? { body: clone(spec.body) } : {}) });
    const fault = this.faults.find((f) => f.times > 0 && f.when(tenant.id, spec));
    if (fault) {
      fault.times -= 1;
      throw errorForFailedResponse(tenant.displayName, spec.method, spec.path, { status: fault.status, body: { error: { code: fault.code, message: fault.message } } });
    }
    const answer = this.answer(tenant.id, spec);
    if (answer.status >= 400) throw errorForFailedResponse(tenant.displayName, spec.method, spec.path, answer);
    return { ...answer, headers: {} };
  }

  async listAll(tenant: Tenant, pathWithQuery: string): Promise<GraphJson[]> {
    const page = (await this.request(tenant, { method: 'GET', path: pathWithQuery })).body as { value: GraphJson[] };
    return page.value;
  }

  async batch(tenant: Tenant, requests: GraphRequestSpec[]): Promise<BatchAnswer[]> {
    return Promise.all(
      requests.map(async (spec) => {
        try {
          const { status, body } = await this.request(tenant, spec);
          return { status, body };
        } catch (error) {
          return { status: (error as { status?: number }).status ?? 403, body: {} };
        }
      }),
    );
  }

  private collection(tenantId: string, path: string): Map<string, GraphJson> {
    const tenant = this.tenants.get(tenantId) ?? new Map<string, Map<string, GraphJson>>();
    this.tenants.set(tenantId, tenant);
    const objects = tenant.get(path) ?? new Map<string, GraphJson>();
    tenant.set(path, objects);
    return objects;
  }

  private answer(tenantId: string, spec: GraphRequestSpec): { status: number; body: unknown } {
    const [path = '', query = ''] = spec.path.split('?');
    const base = COLLECTIONS.find((c) => path === c || path.startsWith(`${c}/`));
    if (!base) return notFound(path);
    const objects = this.collection(tenantId, base);
    const [id, member, childId] = path.slice(base.length + 1).split('/').map(decodeURIComponent);
    const expand = expanded(query);
    if (!id) {
      if (spec.method === 'GET') return { status: 200, body: { value: [...objects.values()].map((o) => view(o, expand, base)) } };
      if (spec.method !== 'POST') return notFound(path);
      const body = Object.fromEntries(Object.entries(clone(spec.body as GraphJson)).filter(([key]) => !NOT_INLINE_ON_CREATE.includes(key)));
      const created = { ...body, id: `created-${++this.created}`, createdDateTime: '2026-04-27T10:00:00Z' };
      this.encryptOmaValues(tenantId, created);
      objects.set(String(created.id), created);
      return { status: 201, body: view(created, [], base) };
    }
    const object = objects.get(id);
    if (!object) return notFound(path);
    // DELETE {collection}/{id}: no body, 204 No Content (Microsoft Graph's delete of an Intune object).
    if (spec.method === 'DELETE' && member === undefined) {
      objects.delete(id);
      return { status: 204, body: undefined };
    }
    const plainText = member && spec.method === 'GET' ? /^getOmaSettingPlainTextValue\(secretReferenceValueId='(.*)'\)$/.exec(member) : null;
    if (plainText) {
      const value = this.secrets.get(`${tenantId}\u0000${plainText[1]!.replace(/''/g, "'")}`);
      return value === undefined ? notFound(member!) : { status: 200, body: { '@odata.context': 'https://graph.microsoft.com/beta/$metadata#Edm.String', value } };
    }
    const answer = member === undefined ? this.onObject(object, spec, expand, base) : childId === undefined ? onMember(object, member, spec) : onChild(object, member, childId, spec);
    if (spec.method === 'PATCH' || spec.method === 'PUT') this.encryptOmaValues(tenantId, object);
    return answer;
  }

  /** OMA-URI string values written in clear are stored encrypted, as Intune does; the plain value stays in the fake. */
  private encryptOmaValues(tenantId: string, object: GraphJson): void {
    if (!Array.isArray(object.omaSettings)) return;
    for (const setting of object.omaSettings as GraphJson[]) {
      if (setting['@odata.type'] !== '#microsoft.graph.omaSettingString' || setting.isEncrypted === true || typeof setting.value !== 'string') continue;
      const ref = `secret-${++this.created}`;
      this.secrets.set(`${tenantId}\u0000${ref}`, setting.value);
      Object.assign(setting, { isEncrypted: true, secretReferenceValueId: ref, value: `encrypted:${ref}` });
    }
  }

  private onObject(object: GraphJson, spec: GraphRequestSpec, expand: string[], base: string): { status: number; body: unknown } {
    const body = (spec.body ?? {}) as GraphJson;
    if (spec.method === 'GET') return { status: 200, body: view(object, expand, base) };
    if (spec.method === 'PATCH') {
      for (const [key, value] of Object.entries(body)) if (!NAVIGATION.includes(key)) object[key] = clone(value);
      return { status: 204, body: undefined };
    }
    if (spec.method === 'PUT') {
      for (const key of Object.keys(object)) if (!NAVIGATION.includes(key) && key !== 'id' && key !== 'createdDateTime') delete object[key];
      for (const [key, value] of Object.entries(body)) if (key !== 'assignments') object[key] = clone(value);
      return { status: 204, body: undefined };
    }
    return { status: 405, body: { error: { code: 'BadRequest', message: `${spec.method} not supported here` } } };
  }
}

const PROPERTY_ACTIONS: Record<string, string> = { setPriority: 'priority', updateAllowedCombinations: 'allowedCombinations' };
/** Ids of assignments added one by one, never reused. */
let addedAssignments = 0;

function onMember(object: GraphJson, member: string, spec: GraphRequestSpec): { status: number; body: unknown } {
  const body = (spec.body ?? {}) as GraphJson;
  if (spec.method === 'GET' && NAVIGATION.includes(member)) return { status: 200, body: { value: clone(object[member] ?? []) } };
  if (spec.method === 'POST' && member === 'assign') {
    const list = Object.values(body).find(Array.isArray) as GraphJson[] | undefined;
    object.assignments = (list ?? []).map((a, i) => ({ id: `${String(object.id)}_${i}`, ...clone(a) }));
    return { status: 200, body: { value: object.assignments } };
  }
  if (spec.method === 'POST' && member === 'scheduleActionsForRules') {
    object.scheduledActionsForRule = clone(body.deviceComplianceScheduledActionForRules ?? []);
    return { status: 204, body: undefined };
  }
  if (spec.method === 'POST' && member === 'targetApps') {
    object.apps = ((body.apps ?? []) as GraphJson[]).map((app, i) => ({ id: `${String(object.id)}_app${i}`, ...clone(app) }));
    if (body.appGroupType !== undefined) object.appGroupType = body.appGroupType;
    return { status: 204, body: undefined };
  }
  // POST {object}/assignments adds one assignment (Windows Autopilot profiles are assigned group by group).
  if (spec.method === 'POST' && member === 'assignments') {
    const assignments = (object.assignments ?? []) as GraphJson[];
    const added = { ...clone(body), id: `${String(object.id)}_assignment${++addedAssignments}` };
    object.assignments = [...assignments, added];
    return { status: 201, body: added };
  }
  // Actions that set one property: setPriority (enrollment configurations), updateAllowedCombinations (authentication strengths).
  const property = PROPERTY_ACTIONS[member];
  if (spec.method === 'POST' && property !== undefined) {
    object[property] = clone(body[property]);
    return { status: 204, body: undefined };
  }
  if (spec.method === 'POST' && member === 'localizedNotificationMessages') {
    const locale = String(body.locale ?? '').toLowerCase();
    const message = { ...clone(body), locale, id: `${String(object.id)}_${locale}` };
    const messages = (object.localizedNotificationMessages ?? []) as GraphJson[];
    if (messages.some((m) => m.id === message.id)) return { status: 409, body: { error: { code: 'Conflict', message: `Locale ${locale} exists` } } };
    object.localizedNotificationMessages = [...messages, message];
    return { status: 201, body: message };
  }
  return notFound(member);
}

/** PATCH / DELETE of one item of a navigation member (a template's localized message). */
function onChild(object: GraphJson, member: string, childId: string, spec: GraphRequestSpec): { status: number; body: unknown } {
  const items = (object[member] ?? []) as GraphJson[];
  const at = items.findIndex((item) => item.id === childId);
  if (!NAVIGATION.includes(member) || at < 0) return notFound(`${member}/${childId}`);
  if (spec.method === 'PATCH') {
    items[at] = { ...items[at], ...clone(spec.body as GraphJson), id: childId };
    return { status: 200, body: clone(items[at]) };
  }
  if (spec.method === 'DELETE') {
    object[member] = items.filter((_, i) => i !== at);
    return { status: 204, body: undefined };
  }
  return spec.method === 'GET' ? { status: 200, body: clone(items[at]) } : notFound(`${member}/${childId}`);
}

/** The object as Graph shows it: navigation members only when expanded. */
function view(object: GraphJson, expand: string[], base: string): GraphJson {
  const navigation = NAVIGATION.filter((name) => !PLAIN_MEMBERS[base]?.includes(name));
  const shown: GraphJson = {};
  for (const [key, value] of Object.entries(object)) if (!navigation.includes(key) || expand.includes(key)) shown[key] = clone(value);
  for (const key of expand) if (navigation.includes(key) && !(key in shown)) shown[key] = [];
  return shown;
}

/** Top-level names of a `$expand` option (nested options in parentheses ignored). */
function expanded(query: string): string[] {
  const option = query.split('&').find((o) => o.startsWith('$expand='));
  if (!option) return [];
  const names: string[] = [];
  let depth = 0;
  let name = '';
  for (const char of option.slice('$expand='.length)) {
    if (char === '(') depth += 1;
    else if (char === ')') depth -= 1;
    else if (char === ',' && depth === 0) {
      names.push(name);
      name = '';
    } else if (depth === 0) name += char;
  }
  return [...names, name].filter(Boolean);
}

function notFound(what: string) {
  return { status: 404, body: { error: { code: 'ResourceNotFound', message: `Resource not found: ${what}` } } };
}
