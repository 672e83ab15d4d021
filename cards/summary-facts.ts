import type { SummaryCounts } from '../core/runs/model';
import { SUMMARY_COUNT_LABELS } from './labels';

/**
 * FactSet rows of a run's canonical summary counts, plus the verified count once it is known: read back in sync with
 * the source for a promotion, gone or back to its state before the promotion for an undo.
 */
export function summaryFacts(summary: SummaryCounts, verified: number | undefined, undo = false): { title: string; value: string }[] {
  const facts = SUMMARY_COUNT_LABELS.map(([key, title]) => ({ title, value: String(summary[key]) }));
  return verified === undefined ? facts : [...facts, { title: undo ? 'Verified undone' : 'Verified in sync', value: String(verified) }];
}
