import { describe, expect, it } from 'vitest';
import { testServerUri } from '../reliability/harness/vitest-mongo';
import { runScaleScenario } from './scenario';

describe('two web and two worker processes on one MongoDB', () => {
  it("share a backlog, run every promotion exactly once, and a SIGTERMed worker's run is resumed by the other", async () => {
    const { figures } = await runScaleScenario({
      serverUri: testServerUri(),
      runsPerBatch: 4,
      subjects: 10,
      writeLatencyMs: 20,
      lockLifetimeMs: 10_000,
      workerConcurrency: 2,
      drainMs: 2_000,
      arrivalGapMs: 0,
      phases: ['backlog2', 'termTakeover'],
    });
    const backlog = figures.batches.backlog2!;
    // Confirmed while no worker was alive: each answer said so, and each run still ran.
    expect(backlog.waitingForWorkerAnswers).toBe(4);
    expect(Object.keys(backlog.split)).toHaveLength(2);
    expect(figures.totals).toMatchObject({ runs: 5, succeeded: 5, duplicateObjects: 0, lostItems: 0, extraWrites: 0, missingWrites: 0 });
    expect(figures.takeovers[0]).toMatchObject({ signal: 'SIGTERM', status: 'succeeded' });
    expect(figures.takeovers[0]!.takeoverS).toBeLessThan(120);
    expect(figures.chatLatency.requests).toBeGreaterThan(0);
  }, 120_000);
});
