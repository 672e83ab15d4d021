// An HTTP proxy in front of the Graph sandbox that injects the faults Microsoft Graph shows in production — 429 with
// Retry-After, 503, requests that time out before or after the server applied them, an access token that expires —
// and records when each request arrived, so a scenario can measure how the client retried.
import { createHash } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the proxy does with one request. */
export type Fault =
  | { kind: 'throttle'; retryAfterSeconds: number }
  | { kind: 'unavailable'; retryAfterSeconds?: number }
  /** Never forwarded; the connection is held until the client gives up. */
  | { kind: 'timeout_before' }
  /** Forwarded (the sandbox applies it), but the answer is never delivered: the client cannot know it happened. */
  | { kind: 'timeout_after' }
  /** 401 InvalidAuthenticationToken, as when the token expired between two requests. */
  | { kind: 'expired_token' };

/** One request as the proxy saw it. */
export interface ProxiedRequest {
  n: number;
  /** The request's client-request-id (shared by its retries), or a hash of token, method, URL and body. */
  key: string;
  method: string;
  url: string;
  token: string;
  arrivedAt: number;
  fault?: Fault['kind'];
  /** When the fault's answer left the proxy, for faults that answer. */
  answeredAt?: number;
  retryAfterMs?: number;
  status?: number;
}

/** Decides the fault (if any) for a request; `history` holds every earlier request. */
export type FaultPolicy = (request: ProxiedRequest, history: readonly ProxiedRequest[]) => Fault | undefined;

/** A running proxy: give `baseUrl` to the system instead of the sandbox's. */
export interface FaultProxy {
  baseUrl: string;
  requests: ProxiedRequest[];
  /** Faults are only injected while armed. */
  arm(policy: FaultPolicy): void;
  disarm(): void;
  close(): Promise<void>;
}

const HOLD_MS = 10_000;

async function body(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

function graphError(res: ServerResponse, status: number, code: string, headers: Record<string, string>, done: () => void): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify({ error: { code, message: `Injected by the reliability fault proxy (${code}).` } }), done);
}

/** Starts the proxy on loopback, forwarding to `upstream` (the sandbox's base URL). */
export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const target = new URL(upstream);
  const requests: ProxiedRequest[] = [];
  const held = new Set<ServerResponse>();
  let policy: FaultPolicy | undefined;
  let proxyOrigin = '';

  const forward = (req: IncomingMessage, payload: Buffer): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> =>
    new Promise((resolve, reject) => {
      const out = http.request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
        (answer) => void body(answer).then((b) => resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: b }), reject),
      );
      out.on('error', reject);
      out.end(payload);
    });

  const hold = (res: ServerResponse) => {
    held.add(res);
    setTimeout(() => {
      held.delete(res);
      res.destroy();
    }, HOLD_MS).unref();
  };

  const server = http.createServer((req, res) => {
    void (async () => {
      const payload = await body(req);
      const url = req.url ?? '/';
      const token = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
      // The client sends one client-request-id for all attempts of a request; without it, the same content is the key.
      const clientRequestId = req.headers['client-request-id'];
      const entry: ProxiedRequest = {
        n: requests.length + 1,
        key:
          typeof clientRequestId === 'string'
            ? clientRequestId
            : createHash('sha256').update(`${token} ${req.method} ${url}\n`).update(payload).digest('hex').slice(0, 16),
        method: req.method ?? 'GET',
        url,
        token,
        arrivedAt: performance.now(),
      };
      const fault = policy?.(entry, requests);
      requests.push(entry);
      if (fault) entry.fault = fault.kind;
      const answered = () => (entry.answeredAt = performance.now());
      switch (fault?.kind) {
        case 'throttle':
          entry.status = 429;
          entry.retryAfterMs = fault.retryAfterSeconds * 1000;
          return graphError(res, 429, 'TooManyRequests', { 'retry-after': String(fault.retryAfterSeconds) }, answered);
        case 'unavailable':
          entry.status = 503;
          if (fault.retryAfterSeconds !== undefined) entry.retryAfterMs = fault.retryAfterSeconds * 1000;
          return graphError(
            res,
            503,
            'ServiceUnavailable',
            fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {},
            answered,
          );
        case 'expired_token':
          entry.status = 401;
          return graphError(res, 401, 'InvalidAuthenticationToken', {}, answered);
        case 'timeout_before':
          return hold(res);
        case 'timeout_after':
          await forward(req, payload);
          return hold(res);
        default: {
          const answer = await forward(req, payload);
          entry.status = answer.status;
          const { 'content-length': _length, 'transfer-encoding': _encoding, connection: _connection, ...headers } = answer.headers;
          res.writeHead(answer.status, headers as http.OutgoingHttpHeaders);
          // nextLinks and contexts name the sandbox's origin; the client must keep talking to the proxy.
          res.end(answer.body.toString('utf8').replaceAll(target.origin, proxyOrigin));
        }
      }
    })().catch(() => {
      if (!res.headersSent) res.writeHead(502).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxyOrigin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl: proxyOrigin,
    requests,
    arm: (p) => (policy = p),
    disarm: () => (policy = undefined),
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of held) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** For every request answered with a Retry-After, how long the client waited before sending it again (ms beyond the ask; negative = too soon). */
export function retryAfterMargins(requests: readonly ProxiedRequest[]): number[] {
  const margins: number[] = [];
  requests.forEach((answered, i) => {
    if (answered.retryAfterMs === undefined || answered.answeredAt === undefined) return;
    const retry = requests.slice(i + 1).find((r) => r.key === answered.key);
    if (retry) margins.push(retry.arrivedAt - answered.answeredAt - answered.retryAfterMs);
  });
  return margins;
}
