import { describe, expect, it } from 'vitest';
import { emptyEvidence } from './harness/evidence';
import { testServerUri } from './harness/vitest-mongo';
import { runLeaseRenewalScenario } from './scenarios/lease-renewal';

describe('a worker cut off from its store in the middle of a promotion run', () => {
  it('stops before its next write once its lease is no longer renewed, and another worker finishes the run', async () => {
    const figures = await runLeaseRenewalScenario({ serverUri: testServerUri(), runs: 1, subjects: 12, leaseMs: 2_000 }, emptyEvidence());
    expect(figures.writesAfterCoverEnded, JSON.stringify(figures.cutRuns)).toBe(0);
    expect(figures.writesAfterTakeover).toBe(0);
    expect(figures.runsLeftRunning).toBe(0);
    expect(figures.duplicates).toBe(0);
    expect(figures.lostItems).toBe(0);
    expect(figures.beforeImagePercent).toBe(100);
    expect(figures.verifiedNotInSync).toBe(0);
    expect(figures.staleCompares).toBe(0);
    expect(figures.targetLocksLeft).toBe(0);
  }, 60_000);
});
