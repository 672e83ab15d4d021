import { describe, expect, it } from 'vitest';
import { emptyEvidence } from './harness/evidence';
import { testServerUri } from './harness/vitest-mongo';
import { runAbuseScenario } from './scenarios/abuse';

describe('forged card actions, hostile commands and malformed activities', () => {
  it('never fail on our side, touch nothing outside the actor rights, and answer foreign objects like missing ones', async () => {
    const figures = await runAbuseScenario({ serverUri: testServerUri(), attacks: 300, seed: 11 }, emptyEvidence());
    expect(figures.problems).toEqual([]);
    expect(figures.serverErrors).toBe(0);
    expect(figures.turnFailures).toBe(0);
    expect(figures.helpAfterwards).toBe(true);
    expect(figures.healthAfterwards).toBe(200);
    expect(figures.foreignTenantRequests).toBe(0);
    expect(figures.unexpectedWrites).toBe(0);
    expect(figures.runsCreated + figures.requestsCreated + figures.mappingsCreated + figures.controlsChanged).toBe(0);
    expect(figures.prototypePolluted).toBe(false);
    expect(figures.notFoundIdentical).toBe(figures.notFoundPairs);
  }, 60_000);
});
