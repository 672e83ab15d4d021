import { describe, expect, it } from 'vitest';
import { emptyEvidence } from './harness/evidence';
import { runStoreOutageScenario } from './scenarios/store-outage';

// The driver's timeouts are shortened so an 8 s pause is an outage to it (the full scenario pauses 40 s on defaults).
const SHORT_TIMEOUTS = 'serverSelectionTimeoutMS=2000&connectTimeoutMS=2000&heartbeatFrequencyMS=1000&socketTimeoutMS=4000';

describe('MongoDB unreachable in the middle of a promotion run', () => {
  it('ends the run once the store is back — succeeded, nothing written twice, nothing lost, never left running', async () => {
    const figures = await runStoreOutageScenario({ runs: 1, subjects: 12, pauseMs: 8_000, clientOptions: SHORT_TIMEOUTS }, emptyEvidence());
    expect(figures.runsLeftRunning, JSON.stringify(figures.outages)).toBe(0);
    expect(figures.succeeded, JSON.stringify(figures.details)).toBe(1);
    expect(figures.duplicates).toBe(0);
    expect(figures.lostItems).toBe(0);
    expect(figures.beforeImagePercent).toBe(100);
    expect(figures.verifiedNotInSync).toBe(0);
    expect(figures.staleCompares).toBe(0);
    expect(figures.targetLocksLeft).toBe(0);
  }, 60_000);
});
