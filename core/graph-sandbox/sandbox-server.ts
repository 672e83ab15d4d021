import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { graphError, type SandboxResponse } from './graph-error';
import { executeBatch } from './sandbox-batch';
import { defaultCollectionKeys } from './sandbox-collections';
import { executeOperation, type RouterContext, type SandboxObserver, type SandboxOperation } from './sandbox-router';
import { SandboxStore } from './sandbox-store';
import type { SandboxTenant } from './sandbox-tenant';
import { WriteRateLimiter } from './write-rate-limiter';

/** How the sandbox is started; only `tenants` is required. */
export interface GraphSandboxOptions {
  tenants: SandboxTenant[];
  /** 0 (default) picks a free port. */
  port?: number;
  /** Items per page; small by default so every list exercises `@odata.nextLink`. */
  pageSize?: number;
  /** Delay before each write is applied. */
  writeLatencyMs?: number;
  /** Token bucket per tenant; writes beyond it are answered 429 with Retry-After. */
  writeRateLimit?: { perSecond: number };
  /** Receives one line per HTTP request (method, path, status); tokens are never included. */
  log?: (line: string) => void;
  /** Collection keys served; defaults to the registry's subject types plus reference collections. */
  collections?: Iterable<string>;
}

/** One HTTP request as the sandbox answered it. */
export interface SandboxLogEntry {
  tenantId: string | undefined;
  method: string;
  /** Path and query, e.g. `/beta/deviceManagement/configurationPolicies?$expand=settings`. */
  url: string;
  status: number;
}

/** A running sandbox: its base URL (give it to GraphClient), its state, its request log. */
export interface GraphSandbox {
  baseUrl: string;
  store: SandboxStore;
  /** The most recent requests (bounded), oldest first. */
  requestLog: readonly SandboxLogEntry[];
  /** Test-only: awaits `observer` on every operation as it arrives and every write once applied; undefined removes it. */
  observe(observer: SandboxObserver | undefined): void;
  close(): Promise<void>;
}

const TOKEN = /^Bearer sandbox-token-([0-9a-fA-F-]{36})-\d+$/;
const MAX_BODY_BYTES = 10 * 1024 * 1024;
const MAX_LOG_ENTRIES = 5000;
const FAULT_CODES: Record<number, string> = { 500: 'InternalServerError', 502: 'BadGateway', 503: 'ServiceUnavailable', 504: 'GatewayTimeout' };

async function readJson(req: IncomingMessage): Promise<{ ok: true; value: unknown } | { ok: false }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return { ok: false };
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Separate writeHead and end calls: restify patches ServerResponse so writeHead no longer returns the response. */
function send(res: ServerResponse, answer: SandboxResponse): void {
  const headers = { ...answer.headers, 'request-id': randomUUID() };
  if (answer.body === undefined) {
    res.writeHead(answer.status, headers);
    res.end();
    return;
  }
  res.writeHead(answer.status, { ...headers, 'content-type': 'application/json' });
  res.end(JSON.stringify(answer.body));
}

async function answer(ctx: RouterContext, req: IncomingMessage): Promise<{ tenantId?: string; response: SandboxResponse }> {
  const url = new URL(req.url ?? '/', ctx.origin);
  const versioned = /^\/(beta|v1\.0)\/(.*)$/.exec(url.pathname);
  const tenantId = TOKEN.exec(req.headers.authorization ?? '')?.[1];
  const tenant = tenantId === undefined ? undefined : ctx.store.tenant(tenantId);
  if (!tenant) {
    return { response: graphError(401, 'InvalidAuthenticationToken', 'Access token is missing or is not a sandbox token of a known tenant.') };
  }
  // Not Graph: what the sandbox counted for the token's tenant, for harnesses that run it in another process.
  if (url.pathname === '/sandbox/counters' && req.method === 'GET') return { tenantId, response: { status: 200, headers: {}, body: ctx.store.counters(tenant.id) } };
  ctx.store.count(tenant.id, 'httpRequests');
  if (tenant.fault) {
    const { status } = tenant.fault;
    return { tenantId, response: graphError(status, FAULT_CODES[status] ?? 'SandboxFault', `Sandbox tenant ${tenant.displayName} is failing on purpose (${status}).`) };
  }
  if (!versioned) return { tenantId, response: graphError(404, 'UnknownPath', `Unknown API version in ${url.pathname}.`) };
  const body = await readJson(req);
  if (!body.ok) return { tenantId, response: graphError(400, 'BadRequest', 'The request body is not valid JSON (or is too large).') };
  const version = versioned[1] as SandboxOperation['version'];
  const path = versioned[2]!.replace(/\/+$/, '');
  const response =
    path === '$batch' && req.method === 'POST'
      ? await executeBatch(ctx, tenant.id, version, body.value)
      : await executeOperation(ctx, { tenantId: tenant.id, method: req.method ?? 'GET', version, path, params: url.searchParams, body: body.value });
  return { tenantId, response };
}

/**
 * Starts a loopback-only HTTP server answering the Microsoft Graph subset the product uses, for the
 * sandbox tenants given. The tenant is the one named by the bearer token (`sandbox-token-<tenantId>-<n>`).
 */
export async function startGraphSandbox(opts: GraphSandboxOptions): Promise<GraphSandbox> {
  const store = new SandboxStore(opts.tenants, { collections: opts.collections ?? defaultCollectionKeys() });
  const requestLog: SandboxLogEntry[] = [];
  const ctx: RouterContext = {
    store,
    origin: '',
    pageSize: opts.pageSize ?? 5,
    writeLatencyMs: opts.writeLatencyMs ?? 0,
    limiter: opts.writeRateLimit ? new WriteRateLimiter(opts.writeRateLimit.perSecond) : undefined,
    now: () => new Date(),
  };
  const server = createServer((req, res) => {
    answer(ctx, req)
      .catch(() => ({ tenantId: undefined, response: graphError(500, 'InternalServerError', 'The sandbox failed to answer.') }))
      .then(({ tenantId, response }) => {
        send(res, response);
        const entry = { tenantId, method: req.method ?? 'GET', url: req.url ?? '/', status: response.status };
        requestLog.push(entry);
        if (requestLog.length > MAX_LOG_ENTRIES) requestLog.shift();
        opts.log?.(`${entry.method} ${entry.url} -> ${entry.status}`);
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  ctx.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl: ctx.origin,
    store,
    requestLog,
    observe: (observer) => {
      ctx.observe = observer;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
