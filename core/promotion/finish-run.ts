import type { AuditLog } from '../audit/model';
import type { Logger } from '../logging/logger';
import { errorFields } from '../logging/logger';
import type { PromotionRun } from '../runs/model';
import type { RunStore } from '../runs/run-store';
import type { RunProgressNotifier } from './progress';
import { runSummary, terminalStatus } from './run-outcome';

/** Longest failure reason kept in audit metadata (bounded metadata). */
const MAX_AUDIT_REASON = 500;

/** How a run ends: normally (with its verified count), revoked before writing on, or stopped by an error. */
export type RunEnding = { verified: number } | { revokedReason: string } | { failure: string };

/**
 * Terminal status, audit `promotion.execute.completed` (`promotion.undo.completed` for an undo run), target lock
 * release and the completion notice, in that order, for every ending: a run that stops on an error is ended `failed`
 * with a plain reason, never left `running`. A run is ended once: when another executor ended it first, nothing is
 * written, audited or announced again.
 */
export async function finishRun(
  deps: { runs: RunStore; audit: AuditLog; progress: RunProgressNotifier; now: () => Date; logger: Logger },
  run: PromotionRun,
  end: RunEnding,
): Promise<PromotionRun> {
  const summary = runSummary(run.plan.items.length, await deps.runs.itemCounts(run.id));
  const revoked = 'revokedReason' in end;
  const status = 'failure' in end ? 'failed' : terminalStatus(summary, revoked);
  const failureReason = revoked
    ? revokedText(summary.processed, end.revokedReason)
    : 'failure' in end
      ? failureText(summary, end.failure)
      : status === 'failed'
        ? noneText(summary)
        : undefined;
  const verified = 'verified' in end ? end.verified : undefined;
  const finishedAt = deps.now();
  const patch = { status, summary, finishedAt, currentItem: undefined, retry: undefined, ...(verified !== undefined ? { verified } : {}), ...(failureReason !== undefined ? { failureReason } : {}) };
  if (!(await deps.runs.end(run.id, patch))) {
    // Another executor ended it already (this one was cut off meanwhile): its audit and message stand, not ours.
    deps.logger.warn('run.already_ended', { runId: run.id, status });
    return (await deps.runs.getForWorker(run.id)) ?? run;
  }
  const { currentItem: _c, retry: _r, ...kept } = run;
  const finished: PromotionRun = { ...kept, status, summary, finishedAt, ...(verified !== undefined ? { verified } : {}), ...(failureReason !== undefined ? { failureReason } : {}) };
  await deps.audit.append({
    workspaceId: run.workspaceId,
    at: finishedAt,
    actorId: 'system',
    action: run.operation === 'promotion.undo' ? 'promotion.undo.completed' : 'promotion.execute.completed',
    tenantIds: [run.sourceTenantId, run.targetTenantId],
    metadata: {
      runId: run.id,
      status,
      total: summary.total,
      succeeded: summary.succeeded,
      failed: summary.failed,
      skipped: summary.skipped,
      verified: verified ?? null,
      ...(failureReason !== undefined ? { reason: failureReason.slice(0, MAX_AUDIT_REASON) } : {}),
    },
  });
  await deps.runs.releaseLock(run.targetTenantId, run.id);
  try {
    await deps.progress.completed(finished);
  } catch (error) {
    // The run record is the truth; the run detail card shows it even when the conversation cannot be reached.
    deps.logger.warn('run.completion_notice_failed', { runId: run.id, ...errorFields(error) });
  }
  return finished;
}

function revokedText(processed: number, reason: string): string {
  return processed === 0 ? `Nothing was written. ${reason}` : `Stopped before the remaining subjects were written. ${reason}`;
}

function failureText(summary: { processed: number; total: number }, reason: string): string {
  const written = summary.processed === 0 ? 'Nothing was written.' : `Stopped after ${summary.processed} of ${summary.total} subjects.`;
  return `${written} ${reason}`;
}

function noneText(summary: { total: number; failed: number; skipped: number }): string {
  return `None of the ${summary.total} subjects was promoted (${summary.failed} failed, ${summary.skipped} skipped).`;
}
