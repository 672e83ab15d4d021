import { describe, expect, it } from 'vitest';
import { emptyEvidence } from './harness/evidence';
import { testServerUri } from './harness/vitest-mongo';
import { runAuthScenario } from './scenarios/auth';
import { runSecretExposureFlow, scanEvidence } from './scenarios/secrets';

describe('secrets in what the system produces', () => {
  it('appear in no log line, stored document or card: no client secret, token or secret policy value', async () => {
    const evidence = emptyEvidence();
    await runSecretExposureFlow({ serverUri: testServerUri() }, evidence);
    await runAuthScenario({ serverUri: testServerUri() }, evidence);
    const figures = await scanEvidence(evidence);
    expect(figures.scanned.documents).toBeGreaterThan(0);
    expect(figures.scanned.cards).toBeGreaterThan(0);
    expect(figures.examples).toEqual([]);
    expect(figures.sightings).toBe(0);
  }, 60_000);
});
