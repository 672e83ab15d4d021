import { describe, expect, it } from 'vitest';
import { emptyEvidence } from './harness/evidence';
import { testServerUri } from './harness/vitest-mongo';
import { runCrashScenario } from './scenarios/crash';

describe('a worker process killed in the middle of a promotion run', () => {
  it('is restarted and finishes every run, creating nothing twice and losing no item', async () => {
    const figures = await runCrashScenario(
      { serverUri: testServerUri(), runs: 2, subjects: 50, seed: 20_261_124, writeLatencyMs: 0 },
      emptyEvidence(),
    );
    expect(figures.killsMidRun).toBe(2);
    for (const run of figures.details) expect(run.status === 'succeeded' || (run.status === 'partially_succeeded' && run.outcomeUnknown > 0), JSON.stringify(run)).toBe(true);
    expect(figures.duplicateCreates).toBe(0);
    expect(figures.lostItems).toBe(0);
    expect(figures.locksLeft).toBe(0);
  }, 60_000);
});
