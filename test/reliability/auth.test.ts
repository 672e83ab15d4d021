import { describe, expect, it } from 'vitest';
import { emptyEvidence } from './harness/evidence';
import { testServerUri } from './harness/vitest-mongo';
import { runAuthScenario } from './scenarios/auth';

describe('a bot with a Microsoft App ID', () => {
  it('refuses every request without a valid Bot Framework token with 401, accepts a valid one, and leaks no configuration', async () => {
    const figures = await runAuthScenario({ serverUri: testServerUri() }, emptyEvidence());
    expect(figures.notRefused).toEqual([]);
    expect(figures.refused401).toBe(figures.forged);
    expect(figures.turnsFromForged).toBe(0);
    expect(figures.validTokenAccepted).toBe(true);
    expect(figures.healthBody).toEqual({ status: 'degraded', store: 'ok', worker: 'disabled', workers: { live: 0, lastBeatAt: null } });
    expect(figures.leaks).toEqual([]);
  }, 60_000);
});
