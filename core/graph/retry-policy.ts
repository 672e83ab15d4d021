/** What one failed Graph attempt ended with: an HTTP status, or no answer at all. */
export type AttemptFailure = number | 'timeout' | 'network_error';

/** Whether to try again, and after how long. */
export interface RetryDecision {
  retry: boolean;
  delayMs: number;
}

/** Limits of the retry policy. */
export interface RetryLimits {
  /** Retries allowed after the first attempt. */
  maxRetries: number;
  /** No single wait is longer; a longer Retry-After means giving up instead of answering too early. */
  maxRetryDelayMs: number;
  /** First backoff step when the server gave no Retry-After. */
  baseDelayMs?: number;
}

/** Inputs of one retry decision; `random` in [0, 1) keeps the jitter out of the function. */
export interface RetryInput {
  /** 1-based number of the attempt that just failed. */
  attempt: number;
  failure: AttemptFailure;
  /** Raw Retry-After header (delay-seconds or HTTP date), absent when the server sent none. */
  retryAfter?: string | undefined;
  now: number;
  random: number;
}

const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 503, 504]);
const DEFAULT_BASE_DELAY_MS = 1000;

/** True for the failures Graph documents as transient: throttling, unavailable, gateway timeout, no answer. */
export function isRetryable(failure: AttemptFailure): boolean {
  return typeof failure === 'string' || RETRYABLE_STATUSES.has(failure);
}

/**
 * True when a failed write may still have been applied: no answer at all, or a gateway that gave up waiting (504).
 * 429 and 503 are refusals before any work, so a write answered with them is safe to send again.
 */
export function leavesWriteOutcomeUnknown(failure: AttemptFailure): boolean {
  return typeof failure === 'string' || failure === 504;
}

/** Milliseconds the server asked us to wait, or undefined when the header is absent or unreadable. */
export function parseRetryAfter(header: string | undefined, now: number): number | undefined {
  if (header === undefined) return undefined;
  const trimmed = header.trim();
  if (trimmed === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/**
 * Decides whether a failed attempt is retried: never sooner than Retry-After, otherwise exponential
 * backoff with jitter; no retry past `maxRetries`, nor when the wait would exceed `maxRetryDelayMs`.
 */
export function decideRetry(input: RetryInput, limits: RetryLimits): RetryDecision {
  const stop = { retry: false, delayMs: 0 };
  if (!isRetryable(input.failure) || input.attempt > limits.maxRetries) return stop;
  const requested = parseRetryAfter(input.retryAfter, input.now);
  if (requested !== undefined) {
    return requested > limits.maxRetryDelayMs ? stop : { retry: true, delayMs: requested };
  }
  const step = (limits.baseDelayMs ?? DEFAULT_BASE_DELAY_MS) * 2 ** (input.attempt - 1);
  const jittered = step / 2 + (step / 2) * input.random;
  return { retry: true, delayMs: Math.min(Math.round(jittered), limits.maxRetryDelayMs) };
}
