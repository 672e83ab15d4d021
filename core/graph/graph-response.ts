import type { DomainError } from '../errors';

/** One Graph answer: status, parsed JSON body (text when not JSON, undefined when empty), lower-cased headers. */
export interface GraphResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
  /** For a failed item of a `$batch`: the error it stands for, so callers need not interpret statuses themselves. */
  error?: DomainError;
}

/** True for 2xx answers. */
export function isSuccess(response: GraphResponse): boolean {
  return response.status >= 200 && response.status < 300;
}

/** Header names lower-cased, as fetch reports them, so callers look up `retry-after` one way. */
export function lowerCaseHeaders(headers: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
}
