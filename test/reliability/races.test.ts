import { describe, expect, it } from 'vitest';
import { emptyEvidence } from './harness/evidence';
import { testServerUri } from './harness/vitest-mongo';
import { runRaceScenario } from './scenarios/races';

describe('confirmations racing each other', () => {
  it('start exactly one run per plan and target, answer the rest "already running" or "Target busy", and never rerun a finished plan', async () => {
    const figures = await runRaceScenario({ serverUri: testServerUri(), confirms: 10 }, emptyEvidence());
    expect(figures.tenRequestsOnePlan.runs).toBe(1);
    expect(figures.tenRequestsOnePlan.answers).toEqual({ Queued: 1, 'This plan is already running': 9 });
    expect(figures.oneRequestTenTimes.runs).toBe(1);
    expect(figures.oneRequestTenTimes.answers.Queued).toBe(1);
    expect(figures.twoPlansOneTarget.runs).toBe(1);
    expect(figures.twoPlansOneTarget.answers).toEqual({ Queued: 1, 'Target busy': 1 });
    expect(figures.lateConfirms.newRuns).toBe(0);
    expect(figures.lateConfirms.answers.Queued).toBeUndefined();
    expect(figures.duplicates).toBe(0);
  }, 60_000);
});
