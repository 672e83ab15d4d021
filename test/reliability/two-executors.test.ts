import { describe, expect, it } from 'vitest';
import { emptyEvidence } from './harness/evidence';
import { expectPromotionGuarantees } from './harness/expect-guarantees';
import { testServerUri } from './harness/vitest-mongo';
import { runTwoExecutorsScenario } from './scenarios/two-executors';

describe('two executors started on one promotion run at once', () => {
  it('write each subject once: the lease turns one away, and a lease taken mid-run fences the old executor out', async () => {
    const figures = await runTwoExecutorsScenario({ serverUri: testServerUri(), runs: 1, subjects: 10, writeLatencyMs: 150 }, emptyEvidence());
    expect(figures.overlapping, JSON.stringify(figures)).toBe(2);
    // Whether the mid-run takeover lands before the run ends depends on the machine's speed; the full scenario in
    // `npm run reliability` requires it. Here it must at least never let two tokens write the same item.
    expect(figures.leaseTakenMidRun.leaseTokens).toBeGreaterThanOrEqual(1);
    expect(figures.extraWrites).toBe(0);
    expectPromotionGuarantees(figures);
  }, 60_000);
});
