import { randomUUID } from 'node:crypto';

/** One answer of the sandbox, before it is written to HTTP or into a `$batch` response. */
export interface SandboxResponse {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

/** A Graph-shaped error answer: `{ error: { code, message, innerError } }`. */
export function graphError(status: number, code: string, message: string, headers: Record<string, string> = {}): SandboxResponse {
  const requestId = randomUUID();
  return {
    status,
    headers,
    body: { error: { code, message, innerError: { 'request-id': requestId, date: new Date().toISOString() } } },
  };
}
