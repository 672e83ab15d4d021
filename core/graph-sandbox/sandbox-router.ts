import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import type { GraphJson } from '../subjects/subject-type';
import { graphError, type SandboxResponse } from './graph-error';
import { resolveRoute, type GraphRoute } from './graph-route';
import { CREATE_CHECKS, LIST_OMITS, OBJECT_ACTIONS, PROPERTY_ACTIONS, isNavigationProperty } from './graph-shape';
import { applySelect, parseODataQuery, skiptokenFor, type ODataQuery } from './odata-query';
import type { SandboxStore } from './sandbox-store';
import type { WriteRateLimiter } from './write-rate-limiter';

/** One Graph operation addressed to a tenant: a plain HTTP request or one item of a `$batch`. */
export interface SandboxOperation {
  tenantId: string;
  method: string;
  version: 'beta' | 'v1.0';
  /** Versionless path without query, e.g. `deviceManagement/configurationPolicies/{id}`. */
  path: string;
  params: URLSearchParams;
  body: unknown;
}

/** What the router needs besides the operation. */
export interface RouterContext {
  store: SandboxStore;
  /** Origin written into `@odata.nextLink` and `@odata.context`, e.g. http://127.0.0.1:5123. */
  origin: string;
  pageSize: number;
  writeLatencyMs: number;
  limiter: WriteRateLimiter | undefined;
  now: () => Date;
  /** Test-only observer of each operation as it arrives and of each write once applied (before it is answered). */
  observe?: SandboxObserver;
}

/** Awaited by the sandbox before going on: a harness can kill a client process exactly at a step of its traffic. */
export type SandboxObserver = (event: { phase: 'arrived' | 'applied'; op: SandboxOperation; status?: number }) => Promise<void> | void;

interface Call {
  ctx: RouterContext;
  op: SandboxOperation;
  query: ODataQuery;
  body: GraphJson;
}
type RouteOf<K extends GraphRoute['kind']> = Extract<GraphRoute, { kind: K }>;
/** Handlers per route kind and HTTP method; a missing entry answers 405. */
type HandlerTable = { [K in GraphRoute['kind']]: Partial<Record<string, (call: Call, route: RouteOf<K>) => SandboxResponse>> };

const JsonObject = z.record(z.unknown());
const JSON_HEADERS = { 'content-type': 'application/json' };
/** Graph answers PATCH of these collections with 204 instead of the updated object. */
const PATCH_WITHOUT_BODY = new Set(['identity/conditionalAccess/policies']);

const ok = (status: number, body?: unknown): SandboxResponse => (body === undefined ? { status, headers: {} } : { status, headers: JSON_HEADERS, body });
const notFound = (what: string) => graphError(404, 'ResourceNotFound', `${what} was not found in the sandbox tenant.`);
const context = (call: Call, fragment: string) => `${call.ctx.origin}/${call.op.version}/$metadata#${fragment}`;

function page(call: Call, items: GraphJson[], fragment: string): SandboxResponse {
  const { query, op, ctx } = call;
  const filtered = query.filter ? items.filter(query.filter) : items;
  const size = Math.min(query.top ?? ctx.pageSize, ctx.pageSize);
  const value = filtered.slice(query.offset, query.offset + size).map((item) => applySelect(item, query.select, query.expand));
  const body: GraphJson = { '@odata.context': context(call, fragment), value };
  if (query.offset + size < filtered.length) {
    const params = new URLSearchParams(op.params);
    params.set('$skiptoken', skiptokenFor(query.offset + size));
    // Graph writes `$skiptoken` unescaped; keep links looking the same.
    body['@odata.nextLink'] = `${ctx.origin}/${op.version}/${op.path}?${params.toString().replaceAll('%24', '$')}`;
  }
  return ok(200, body);
}

const HANDLERS: HandlerTable = {
  collection: {
    GET: (call, route) => {
      const omitted = LIST_OMITS[route.key] ?? [];
      const now = call.ctx.now();
      const items = call.ctx.store.list(call.op.tenantId, route.key, call.query.expand).filter((item) => !call.ctx.store.lagging(call.op.tenantId, route.key, item.id as string, now));
      return page(call, items.map((item) => Object.fromEntries(Object.entries(item).filter(([k]) => !omitted.includes(k)))), route.key);
    },
    POST: (call, route) => {
      const refusal = CREATE_CHECKS[route.key]?.(call.body);
      if (refusal) return graphError(400, 'BadRequest', refusal);
      const created = call.ctx.store.create(call.op.tenantId, route.key, call.body, call.ctx.now());
      return ok(201, { '@odata.context': context(call, `${route.key}/$entity`), ...created });
    },
  },
  item: {
    GET: (call, route) => {
      const item = call.ctx.store.get(call.op.tenantId, route.key, route.id, call.query.expand);
      if (!item || call.ctx.store.lagging(call.op.tenantId, route.key, route.id, call.ctx.now())) return notFound(`${route.key}/${route.id}`);
      return ok(200, { '@odata.context': context(call, `${route.key}/$entity`), ...applySelect(item, call.query.select, call.query.expand) });
    },
    PATCH: (call, route) => {
      const refused = Object.keys(call.body).find((name) => isNavigationProperty(name, route.key));
      if (refused) return graphError(400, 'BadRequest', `Navigation property '${refused}' cannot be updated with PATCH.`);
      const updated = call.ctx.store.update(call.op.tenantId, route.key, route.id, call.body, call.ctx.now());
      if (!updated) return notFound(`${route.key}/${route.id}`);
      return PATCH_WITHOUT_BODY.has(route.key) ? ok(204) : ok(200, { '@odata.context': context(call, `${route.key}/$entity`), ...updated });
    },
    PUT: (call, route) =>
      call.ctx.store.replace(call.op.tenantId, route.key, route.id, call.body, call.ctx.now()) ? ok(204) : notFound(`${route.key}/${route.id}`),
    DELETE: (call, route) => (call.ctx.store.remove(call.op.tenantId, route.key, route.id) ? ok(204) : notFound(`${route.key}/${route.id}`)),
  },
  navigation: {
    GET: (call, route) => {
      const items = call.ctx.store.navigation(call.op.tenantId, route.key, route.id, route.name);
      if (!items || call.ctx.store.lagging(call.op.tenantId, route.key, route.id, call.ctx.now())) return notFound(`${route.key}/${route.id}`);
      return page({ ...call, query: { ...call.query, expand: [] } }, items, `${route.key}('${route.id}')/${route.name}`);
    },
    POST: (call, route) => {
      const added = call.ctx.store.addNavigationItem(call.op.tenantId, route.key, route.id, route.name, call.body);
      if (added === 'conflict') return graphError(409, 'Conflict', `${route.name} of ${route.key}/${route.id} already holds an item with that key.`);
      return added ? ok(201, added) : notFound(`${route.key}/${route.id}`);
    },
  },
  navigationItem: {
    GET: (call, route) => {
      const item = call.ctx.store.navigation(call.op.tenantId, route.key, route.id, route.name)?.find((i) => i.id === route.childId);
      return item ? ok(200, item) : notFound(`${route.key}/${route.id}/${route.name}/${route.childId}`);
    },
    PATCH: (call, route) => {
      const updated = call.ctx.store.updateNavigationItem(call.op.tenantId, route.key, route.id, route.name, route.childId, call.body);
      return updated ? ok(200, updated) : notFound(`${route.key}/${route.id}/${route.name}/${route.childId}`);
    },
    DELETE: (call, route) =>
      call.ctx.store.removeNavigationItem(call.op.tenantId, route.key, route.id, route.name, route.childId) ? ok(204) : notFound(`${route.key}/${route.id}/${route.name}/${route.childId}`),
  },
  action: {
    POST: (call, route) => {
      const setter = PROPERTY_ACTIONS[route.action];
      if (setter) {
        const value = call.body[setter.property];
        if (!setter.valid(value)) return graphError(400, 'BadRequest', `The ${route.action} body must hold ${setter.property}: ${setter.expected}.`);
        const updated = call.ctx.store.update(call.op.tenantId, route.key, route.id, { [setter.property]: value }, call.ctx.now());
        if (!updated) return notFound(`${route.key}/${route.id}`);
        return setter.status === 204 ? ok(204) : ok(200, { '@odata.context': context(call, `${route.key}/$entity`), [setter.property]: value });
      }
      const action = OBJECT_ACTIONS[route.action]!;
      const bodyKey = action.bodyKeys.find((key) => Array.isArray(call.body[key]));
      if (!bodyKey) return graphError(400, 'BadRequest', `The ${route.action} body must hold an array under one of: ${action.bodyKeys.join(', ')}.`);
      const items = call.body[bodyKey] as unknown[];
      if (!items.every((i) => JsonObject.safeParse(i).success)) return graphError(400, 'BadRequest', `Every item of ${bodyKey} must be an object.`);
      const stored = call.ctx.store.replaceNavigation(call.op.tenantId, route.key, route.id, action.navigation, items as GraphJson[]);
      if (!stored) return notFound(`${route.key}/${route.id}`);
      const properties = Object.fromEntries((action.properties ?? []).filter((p) => call.body[p] !== undefined).map((p) => [p, call.body[p]]));
      if (Object.keys(properties).length > 0) call.ctx.store.update(call.op.tenantId, route.key, route.id, properties, call.ctx.now());
      return action.status === 204 ? ok(204) : ok(200, { '@odata.context': context(call, `Collection(${action.navigation})`), value: stored });
    },
  },
};

/**
 * Executes one Graph operation against the store: throttling, routing, the read-only guard, the write
 * rate limit and latency, then the read or write itself. Never throws for bad input: answers a Graph error.
 */
export async function executeOperation(ctx: RouterContext, op: SandboxOperation): Promise<SandboxResponse> {
  const tenant = ctx.store.tenant(op.tenantId)!;
  await ctx.observe?.({ phase: 'arrived', op });
  const n = ctx.store.count(op.tenantId, 'operations');
  if (tenant.throttle && n % tenant.throttle.every === 0) {
    ctx.store.count(op.tenantId, 'throttled');
    const seconds = String(tenant.throttle.retryAfterSeconds);
    return graphError(429, 'TooManyRequests', `Too many requests; retry after ${seconds} seconds.`, { 'retry-after': seconds });
  }
  const route = resolveRoute(op.path, (key) => ctx.store.hasCollection(key));
  if (!route) return graphError(404, 'UnknownPath', `Resource not found for the segment '${op.path}'.`);
  // The table is keyed by kind, so the handler found always receives a route of its own kind.
  const handlers = HANDLERS[route.kind];
  const handler = Object.hasOwn(handlers, op.method) ? (handlers[op.method] as (call: Call, route: GraphRoute) => SandboxResponse) : undefined;
  if (!handler) return graphError(405, 'BadRequest', `${op.method} is not supported on ${op.path}.`);
  const parsed = parseODataQuery(op.params);
  if (!parsed.ok) return graphError(400, 'BadRequest', parsed.message);
  // Items of a navigation property hold their own nested data inline, so only objects validate `$expand`.
  const unknownExpand = route.kind === 'collection' || route.kind === 'item' ? parsed.query.expand.find((n) => !isNavigationProperty(n)) : undefined;
  if (unknownExpand) return graphError(400, 'BadRequest', `Could not find a navigation property named '${unknownExpand}'.`);
  if (op.method === 'GET') return handler({ ctx, op, query: parsed.query, body: {} }, route);

  if (tenant.readOnly) return graphError(403, 'Forbidden', `Sandbox tenant ${tenant.displayName} is read-only: writes are refused.`);
  const retryAfter = ctx.limiter?.take(op.tenantId, ctx.now().getTime());
  if (retryAfter !== undefined) {
    ctx.store.count(op.tenantId, 'throttled');
    return graphError(429, 'TooManyRequests', `Write rate limit reached; retry after ${retryAfter} seconds.`, { 'retry-after': String(retryAfter) });
  }
  const body = op.method === 'DELETE' ? { success: true as const, data: {} } : JsonObject.safeParse(op.body);
  if (!body.success) return graphError(400, 'BadRequest', 'The request body must be a JSON object.');
  // A slow write is applied after its latency even when the client gave up waiting for it meanwhile.
  const latency = ctx.writeLatencyMs + ctx.store.slowWriteDelay(op.tenantId);
  if (latency > 0) await sleep(latency);
  const response = handler({ ctx, op, query: parsed.query, body: body.data }, route);
  if (response.status < 300) ctx.store.countWrite(op.tenantId, route.key);
  await ctx.observe?.({ phase: 'applied', op, status: response.status });
  return response;
}
