import { describe, expect, it } from 'vitest';
import { decideRetry, isRetryable, leavesWriteOutcomeUnknown, parseRetryAfter, type AttemptFailure, type RetryInput } from '../../../core/graph/retry-policy';

const NOW = Date.parse('2025-03-01T10:00:00Z');
const limits = { maxRetries: 5, maxRetryDelayMs: 60_000 };
const input = (overrides: Partial<RetryInput>): RetryInput => ({ attempt: 1, failure: 429, now: NOW, random: 0.5, ...overrides });

describe('parseRetryAfter', () => {
  it('reads delay-seconds and HTTP dates', () => {
    expect(parseRetryAfter('7', NOW)).toBe(7000);
    expect(parseRetryAfter('Sat, 01 Mar 2025 10:00:30 GMT', NOW)).toBe(30_000);
  });

  it('treats a past date as no wait and unreadable values as absent', () => {
    expect(parseRetryAfter('Sat, 01 Mar 2025 09:00:00 GMT', NOW)).toBe(0);
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
  });
});

describe('decideRetry', () => {
  it('retries throttling, unavailable, gateway timeout and missing answers only', () => {
    expect([429, 503, 504, 'timeout', 'network_error'].every((f) => isRetryable(f as never))).toBe(true);
    expect([400, 401, 403, 404, 409, 500, 502].some((f) => isRetryable(f))).toBe(false);
    expect(decideRetry(input({ failure: 400 }), limits).retry).toBe(false);
  });

  it('waits exactly the Retry-After the server asked for', () => {
    expect(decideRetry(input({ retryAfter: '7' }), limits)).toEqual({ retry: true, delayMs: 7000 });
    expect(decideRetry(input({ retryAfter: 'Sat, 01 Mar 2025 10:00:12 GMT', failure: 503 }), limits)).toEqual({ retry: true, delayMs: 12_000 });
  });

  it('gives up rather than retry sooner than a Retry-After beyond the cap', () => {
    expect(decideRetry(input({ retryAfter: '120' }), limits)).toEqual({ retry: false, delayMs: 0 });
  });

  it('backs off exponentially with jitter when no Retry-After is given', () => {
    const delays = [1, 2, 3, 4].map((attempt) => decideRetry(input({ attempt, failure: 503 }), limits).delayMs);
    expect(delays).toEqual([750, 1500, 3000, 6000]);
    expect(decideRetry(input({ attempt: 2, random: 0 }), limits).delayMs).toBe(1000);
    expect(decideRetry(input({ attempt: 2, random: 0.999 }), limits).delayMs).toBeLessThan(2000);
  });

  it('caps the backoff delay and the number of retries', () => {
    expect(decideRetry(input({ attempt: 5, failure: 'timeout' }), { maxRetries: 5, maxRetryDelayMs: 4000 }).delayMs).toBe(4000);
    expect(decideRetry(input({ attempt: 6 }), limits).retry).toBe(false);
  });
});

describe('writes whose outcome is unknown', () => {
  it('are those that got no answer or a gateway timeout, never a refusal such as 429 or 503', () => {
    expect(['timeout', 'network_error', 504].map((f) => leavesWriteOutcomeUnknown(f as AttemptFailure))).toEqual([true, true, true]);
    expect([429, 503, 500].map((f) => leavesWriteOutcomeUnknown(f))).toEqual([false, false, false]);
  });
});
