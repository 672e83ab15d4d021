// The promotion guarantees of issue 13 as vitest expectations, for the npm-test variants of the fault scenarios.
import { expect } from 'vitest';
import type { CheckTotals } from './run-checks';

/** 0 runs left running, 0 duplicates, 0 lost items, 100 % before-images, every verified subject In sync, 0 locks left. */
export function expectPromotionGuarantees(figures: CheckTotals & { details?: unknown }): void {
  const context = JSON.stringify(figures.details ?? figures).slice(0, 4000);
  expect(figures.runsLeftRunning, context).toBe(0);
  expect(figures.endedBadly, context).toBe(0);
  expect(figures.duplicates, context).toBe(0);
  expect(figures.lostItems, context).toBe(0);
  expect(figures.beforeImagePercent, context).toBe(100);
  expect(figures.verifiedNotInSync, context).toBe(0);
  expect(figures.staleCompares, context).toBe(0);
  expect(figures.targetLocksLeft, context).toBe(0);
}
