import type { RunStatus, SummaryCounts } from '../runs/model';

/** Statuses after which a run is never executed again. */
export const TERMINAL_STATUSES: ReadonlySet<RunStatus> = new Set(['succeeded', 'partially_succeeded', 'failed']);

/** The canonical summary of a run of `total` items from its recorded outcome counts. */
export function runSummary(total: number, counts: Pick<SummaryCounts, 'succeeded' | 'failed' | 'skipped'>): SummaryCounts {
  return { total, processed: counts.succeeded + counts.failed + counts.skipped, ...counts };
}

/**
 * The terminal status: `succeeded` when every item succeeded; `partially_succeeded` when some succeeded and others
 * failed, were skipped or were never reached; `failed` when none succeeded (including a run revoked before its first write).
 */
export function terminalStatus(summary: SummaryCounts, revoked: boolean): RunStatus {
  if (!revoked && summary.succeeded === summary.total) return 'succeeded';
  return summary.succeeded > 0 ? 'partially_succeeded' : 'failed';
}
