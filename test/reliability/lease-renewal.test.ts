import { describe, expect, it } from 'vitest';
import { emptyEvidence } from './harness/evidence';
import { expectPromotionGuarantees } from './harness/expect-guarantees';
import { testServerUri } from './harness/vitest-mongo';
import { runLeaseRenewalScenario } from './scenarios/lease-renewal';

describe('a worker cut off from its store in the middle of a promotion run', () => {
  it('stops before its next write once its lease is no longer renewed, and another worker finishes the run', async () => {
    const figures = await runLeaseRenewalScenario({ serverUri: testServerUri(), runs: 1, subjects: 12, leaseMs: 2_000 }, emptyEvidence());
    expect(figures.writesAfterCoverEnded, JSON.stringify(figures.cutRuns)).toBe(0);
    expect(figures.writesAfterTakeover).toBe(0);
    // Including that no run ended badly: a cut-off executor, once reconnected, must not end the run another executor
    // finished (it was seen ending it `failed` on "write ECONNRESET" before runs were ended once and under the lease).
    expectPromotionGuarantees(figures);
  }, 60_000);
});
