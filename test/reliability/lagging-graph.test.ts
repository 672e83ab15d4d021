import { describe, expect, it } from 'vitest';
import { emptyEvidence } from './harness/evidence';
import { expectPromotionGuarantees } from './harness/expect-guarantees';
import { testServerUri } from './harness/vitest-mongo';
import { runLaggingGraphScenario } from './scenarios/lagging-graph';

describe('a promotion against a Graph whose lists lag and whose slow writes land after the client gave up', () => {
  it('settles every lost answer by watching the target: nothing created twice, nothing lost, no run left running', async () => {
    const figures = await runLaggingGraphScenario(
      { serverUri: testServerUri(), runs: 1, subjects: 10, maxLagMs: 3_000, slowEvery: 4, graphTimeoutMs: 1_000, visibilityWaitMs: 5_000 },
      emptyEvidence(),
    );
    expect(figures.writesAppliedAfterTimeout, 'the scenario must lose some answers').toBeGreaterThan(0);
    expectPromotionGuarantees(figures);
  }, 60_000);
});
