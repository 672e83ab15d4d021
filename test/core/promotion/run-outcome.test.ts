import { describe, expect, it } from 'vitest';
import { runSummary, terminalStatus } from '../../../core/promotion/run-outcome';

const summary = (total: number, succeeded: number, failed: number, skipped: number) => runSummary(total, { succeeded, failed, skipped });

describe('run outcome', () => {
  it('counts processed as every recorded outcome', () => {
    expect(summary(5, 2, 1, 1)).toEqual({ total: 5, processed: 4, succeeded: 2, failed: 1, skipped: 1 });
  });

  it.each([
    ['every item succeeded', summary(3, 3, 0, 0), false, 'succeeded'],
    ['some succeeded, one failed', summary(3, 2, 1, 0), false, 'partially_succeeded'],
    ['some succeeded, one skipped', summary(3, 2, 0, 1), false, 'partially_succeeded'],
    ['none succeeded, one failed', summary(2, 0, 1, 1), false, 'failed'],
    ['every item skipped', summary(2, 0, 0, 2), false, 'failed'],
    ['revoked before the first write', summary(2, 0, 0, 0), true, 'failed'],
    ['revoked after some items succeeded', summary(3, 1, 0, 0), true, 'partially_succeeded'],
  ] as const)('%s → %s', (_case, counts, revoked, status) => {
    expect(terminalStatus(counts, revoked)).toBe(status);
  });
});
