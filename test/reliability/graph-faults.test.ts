import { describe, expect, it } from 'vitest';
import { emptyEvidence } from './harness/evidence';
import { testServerUri } from './harness/vitest-mongo';
import { runGraphFaultScenario } from './scenarios/graph-faults';

describe('a promotion run while Microsoft Graph throttles, fails, times out and expires the token', () => {
  it('finishes with every subject promoted, writes each once, and never retries before Retry-After', async () => {
    const figures = await runGraphFaultScenario(
      { serverUri: testServerUri(), subjects: 10, seed: 7, throttleBursts: 2, unavailable: 2, timeouts: 1 },
      emptyEvidence(),
    );
    expect(figures.status).toBe('succeeded');
    expect(figures.summary).toMatchObject({ total: 10, succeeded: 10, failed: 0 });
    expect(figures.injected.throttle).toBeGreaterThan(0);
    expect(figures.injected.timeout_after).toBeGreaterThan(0);
    expect(figures.injected.expired_token).toBeGreaterThan(0);
    expect(figures.extraWrites).toBe(0);
    expect(figures.duplicates).toBe(0);
    expect(figures.retryAfterRetries).toBeGreaterThan(0);
    // Timers fire on a millisecond clock: within 1 ms of the asked wait is on time.
    expect(figures.minRetryAfterMarginMs).toBeGreaterThanOrEqual(-1);
    expect(figures.expiredTokenReuse).toBe(0);
    // A process-level scenario: inside the full parallel suite on two cores it needs more than a minute.
  }, 120_000);
});
