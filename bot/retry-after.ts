/**
 * How long Teams asks a bot to wait after a refused call. The Bot Framework connector throws a `RestError`
 * (@azure/core-rest-pipeline): `statusCode` and `response.headers` (an HttpHeaders with `get`); its own pipeline has
 * already retried a few times honouring `Retry-After` before the error reaches us.
 */
const THROTTLED = new Set([429, 503]);

/** The HTTP status of a connector error, if it has one. */
export function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { statusCode?: unknown; status?: unknown };
  return typeof e.statusCode === 'number' ? e.statusCode : typeof e.status === 'number' ? e.status : undefined;
}

/** True for answers that mean "too many requests, try later" (429, or 503 Service Unavailable). */
export function isThrottled(error: unknown): boolean {
  const status = statusOf(error);
  return status !== undefined && THROTTLED.has(status);
}

/**
 * The wait the answer asks for, in milliseconds: `retry-after-ms`, else `Retry-After` as seconds or as an HTTP date
 * (relative to `now`). Undefined when the answer names none, so the caller falls back to its own backoff.
 */
export function retryAfterMs(error: unknown, now: number): number | undefined {
  const header = (name: string) => headerOf(error, name);
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const raw = header(name);
    const ms = Number(raw);
    if (raw !== undefined && raw.trim() !== '' && Number.isFinite(ms) && ms >= 0) return ms;
  }
  const value = header('retry-after');
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (value.trim() !== '' && Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

function headerOf(error: unknown, name: string): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const headers = (error as { response?: { headers?: unknown } }).response?.headers;
  if (!headers || typeof headers !== 'object') return undefined;
  const get = (headers as { get?: unknown }).get;
  const value = typeof get === 'function' ? (get as (n: string) => unknown).call(headers, name) : lookup(headers as Record<string, unknown>, name);
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

/** A plain header object (the compat response shape), matched case-insensitively. */
function lookup(headers: Record<string, unknown>, name: string): unknown {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}
