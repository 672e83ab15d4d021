import { describe, expect, it } from 'vitest';
import { emptyEvidence } from './harness/evidence';
import { testServerUri } from './harness/vitest-mongo';
import { runLoadScenario } from './scenarios/load';

describe('fifty conversations comparing at once against warm snapshots', () => {
  it('all get their compare card, with the latency measured', async () => {
    const figures = await runLoadScenario({ serverUri: testServerUri(), conversations: 50, durationMs: 5_000 }, emptyEvidence());
    expect(figures.firstErrors).toEqual([]);
    expect(figures.errors).toBe(0);
    expect(figures.requests).toBeGreaterThanOrEqual(50);
    expect(figures.p95Ms).toBeGreaterThan(0);
  }, 60_000);
});
