import { describe, expect, it } from 'vitest';
import { emptyEvidence } from './harness/evidence';
import { expectPromotionGuarantees } from './harness/expect-guarantees';
import { runStoreOutageScenario } from './scenarios/store-outage';

// A 6 s pause is an outage to the driver once its socket and server-selection timeouts are shorter than that; the server
// monitor is kept slower (connectTimeoutMS) so what the executor sees is a network timeout. With the driver's defaults
// the monitor interrupts the operation instead — the defect shown by test/store/mongo-errors.test.ts and by the full
// scenario in `npm run reliability` (40 s on the driver's defaults).
const SHORT_TIMEOUTS = 'serverSelectionTimeoutMS=2000&socketTimeoutMS=1000&connectTimeoutMS=8000';

describe('MongoDB unreachable in the middle of a promotion run', () => {
  it('ends the run once the store is back — succeeded, nothing written twice, nothing lost, never left running', async () => {
    const figures = await runStoreOutageScenario({ runs: 1, subjects: 12, pauseMs: 6_000, clientOptions: SHORT_TIMEOUTS }, emptyEvidence());
    expect(figures.succeeded, JSON.stringify(figures.details)).toBe(1);
    expectPromotionGuarantees(figures);
  }, 120_000);
});
