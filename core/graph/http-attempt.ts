import type { GraphRequestSpec } from '../subjects/subject-type';
import type { GraphResponse } from './graph-response';

/** One HTTP exchange with Graph. */
export interface AttemptRequest {
  method: GraphRequestSpec['method'];
  url: string;
  token: string;
  body?: unknown;
  timeoutMs: number;
  /** Sent as `client-request-id`: the same for every attempt of one request, so Graph and its support can correlate them. */
  clientRequestId?: string;
}

/** How one exchange ended: an answer (any status), no answer in time, or no connection. */
export type AttemptOutcome =
  | { kind: 'response'; response: GraphResponse }
  | { kind: 'timeout' }
  | { kind: 'network_error' };

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Sends one request; the timeout covers reading the body too, and a redirect is returned, never followed. */
export async function performAttempt(fetchFn: typeof fetch, req: AttemptRequest): Promise<AttemptOutcome> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), req.timeoutMs);
  const headers: Record<string, string> = { Authorization: `Bearer ${req.token}`, Accept: 'application/json' };
  if (req.clientRequestId) headers['client-request-id'] = req.clientRequestId;
  if (req.body !== undefined) headers['Content-Type'] = 'application/json';
  try {
    const res = await fetchFn(req.url, {
      method: req.method,
      headers,
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
      signal: controller.signal,
      redirect: 'manual',
    });
    const body = parseBody(await res.text());
    return { kind: 'response', response: { status: res.status, body, headers: Object.fromEntries(res.headers.entries()) } };
  } catch {
    return controller.signal.aborted ? { kind: 'timeout' } : { kind: 'network_error' };
  } finally {
    clearTimeout(timer);
  }
}
