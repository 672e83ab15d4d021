import type { DirectoryStore } from '../access/directory-store';
import type { AuditLog } from '../audit/model';
import type { ControlStore } from '../controls/model';
import type { RunId } from '../ids';
import type { InventorySubject } from '../inventory/model';
import type { PromotionRun, RunItemResult } from '../runs/model';
import type { RunStore } from '../runs/run-store';
import type { PlanItem } from './plan';
import { promoteItem, type ItemContext, type PromotedItem } from './promote-item';
import type { PromotionGraph } from './promotion-graph';
import type { RunProgressNotifier } from './progress';
import { LiveSubjectReader } from './read-live-subject';
import { reauthoriseRun } from './reauthorise-run';
import { runSummary, TERMINAL_STATUSES, terminalStatus } from './run-outcome';
import { targetOnlyWrites } from './target-only-writes';
import { countVerified } from './verify-run';

/** The ports the promotion worker needs for one run. */
export interface ExecutorDeps {
  runs: RunStore;
  directory: DirectoryStore;
  controls: ControlStore;
  audit: AuditLog;
  graph: PromotionGraph;
  progress: RunProgressNotifier;
  now: () => Date;
}

/**
 * Plan items promoted at the same time. Each item mostly waits (reads, then writes with Graph's latency), so a few in
 * flight keep a throttled tenant's write budget in use instead of leaving it idle; Retry-After still paces them.
 */
export const ITEMS_IN_FLIGHT = 4;

/** Longest failure reason kept in audit metadata (bounded metadata). */
const MAX_AUDIT_REASON = 500;

/**
 * Executes one queued promotion run (DESIGN flow 4): re-authorises it before the first write, promotes each plan
 * item not yet recorded (so a crashed run resumes without writing an item twice; up to ITEMS_IN_FLIGHT at a time,
 * each taken by exactly one worker), records each outcome at once,
 * verifies the promoted subjects, then sets the terminal status, audits, releases the target's run lock and reports
 * completion. An absent run does nothing; a terminal run is never executed again.
 */
export async function executeRun(deps: ExecutorDeps, runId: RunId): Promise<void> {
  const run = await deps.runs.getForWorker(runId);
  if (!run) return;
  if (TERMINAL_STATUSES.has(run.status)) {
    // Only undoes a crash between the terminal status and the lock release; a finished run holds no lock otherwise.
    await deps.runs.releaseLock(run.targetTenantId, run.id);
    return;
  }
  const access = await reauthoriseRun(deps, run);
  if (access.kind === 'revoked') return finish(deps, run, { revokedReason: access.reason });

  const recorded = new Set((await deps.runs.items(run.id)).items.map((item) => item.index));
  const startedAt = run.startedAt ?? deps.now();
  let current: PromotionRun = { ...run, status: 'running', startedAt, summary: runSummary(run.plan.items.length, await deps.runs.itemCounts(run.id)) };
  await deps.runs.update(run.id, { status: 'running', startedAt, summary: current.summary });

  const graph = targetOnlyWrites(deps.graph, { sourceTenantId: access.source.id, targetTenantId: access.target.id });
  const ctx: ItemContext = {
    graph,
    reader: new LiveSubjectReader(graph),
    source: access.source,
    target: access.target,
    includeAssignments: run.plan.includeAssignments,
  };
  const sources = new Map<number, InventorySubject>();
  const pending = run.plan.items.flatMap((item, index) => (recorded.has(index) ? [] : [{ item, index }]));
  // Counts are read and reported one refresh at a time, so the run record and the card never go back to fewer.
  let reporting: Promise<void> = Promise.resolve();
  const refreshSummary = (item: PlanItem) => {
    const done = reporting.then(async () => {
      const counts = await deps.runs.itemCounts(run.id);
      current = { ...current, summary: runSummary(run.plan.items.length, counts) };
      await deps.runs.update(run.id, { summary: current.summary, currentItem: item.displayName });
      await bestEffort(() => deps.progress.update(current, current.summary));
    });
    reporting = done.catch(() => undefined);
    return done;
  };
  let next = 0;
  let stopped: { error: unknown } | undefined;
  // Each worker takes the next unrecorded item; an item is only ever taken once, so nothing is written twice.
  const worker = async () => {
    while (!stopped && next < pending.length) {
      const { item, index } = pending[next++]!;
      try {
        current = { ...current, currentItem: item.displayName };
        await deps.runs.update(run.id, { currentItem: item.displayName });
        await bestEffort(() => deps.progress.update(current, current.summary));

        const promoted = await promoteItem(ctx, item);
        if (promoted.source) sources.set(index, promoted.source);
        await deps.runs.recordItem(itemResult(run.id, index, item, promoted, deps.now()));
        await refreshSummary(item);
      } catch (error) {
        // No new item starts; those in flight finish and are recorded before the run stops with this error.
        stopped ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(ITEMS_IN_FLIGHT, pending.length) }, worker));
  if (stopped) throw stopped.error;
  const verified = await countVerified(ctx, run.plan.items, (await deps.runs.items(run.id)).items, sources);
  await finish(deps, current, { verified });
}

function itemResult(runId: RunId, index: number, item: PromotionRun['plan']['items'][number], promoted: PromotedItem, at: Date): RunItemResult {
  return {
    runId,
    index,
    type: item.type,
    displayName: item.displayName,
    action: item.action,
    outcome: promoted.outcome,
    ...(promoted.targetId !== undefined ? { targetId: promoted.targetId } : {}),
    ...('priorState' in promoted && promoted.priorState !== undefined ? { priorState: promoted.priorState } : {}),
    ...(promoted.reason !== undefined ? { reason: promoted.reason } : {}),
    at,
  };
}

/** Terminal status, audit `promotion.execute.completed`, lock release and the completion notice, in that order. */
async function finish(deps: ExecutorDeps, run: PromotionRun, end: { revokedReason?: string; verified?: number }): Promise<void> {
  const summary = runSummary(run.plan.items.length, await deps.runs.itemCounts(run.id));
  const revoked = end.revokedReason !== undefined;
  const status = terminalStatus(summary, revoked);
  const failureReason = revoked ? revokedText(summary.processed, end.revokedReason!) : status === 'failed' ? noneText(summary) : undefined;
  const finishedAt = deps.now();
  const finished: PromotionRun = {
    ...run,
    status,
    summary,
    finishedAt,
    ...(end.verified !== undefined ? { verified: end.verified } : {}),
    ...(failureReason !== undefined ? { failureReason } : {}),
  };
  await deps.runs.update(run.id, {
    status,
    summary,
    finishedAt,
    ...(end.verified !== undefined ? { verified: end.verified } : {}),
    ...(failureReason !== undefined ? { failureReason } : {}),
  });
  await deps.audit.append({
    workspaceId: run.workspaceId,
    at: finishedAt,
    actorId: 'system',
    action: 'promotion.execute.completed',
    tenantIds: [run.sourceTenantId, run.targetTenantId],
    metadata: {
      runId: run.id,
      status,
      total: summary.total,
      succeeded: summary.succeeded,
      failed: summary.failed,
      skipped: summary.skipped,
      verified: end.verified ?? null,
      ...(failureReason !== undefined ? { reason: failureReason.slice(0, MAX_AUDIT_REASON) } : {}),
    },
  });
  await deps.runs.releaseLock(run.targetTenantId, run.id);
  await bestEffort(() => deps.progress.completed(finished));
}

function revokedText(processed: number, reason: string): string {
  return processed === 0 ? `Nothing was written. ${reason}` : `Stopped before the remaining subjects were written. ${reason}`;
}

function noneText(summary: { total: number; failed: number; skipped: number }): string {
  return `None of the ${summary.total} subjects was promoted (${summary.failed} failed, ${summary.skipped} skipped).`;
}

/** The run record is the truth; a conversation card that cannot be updated must neither stop nor fail the run. */
async function bestEffort(notify: () => Promise<void>): Promise<void> {
  try {
    await notify();
  } catch {
    // The notifier retries Teams' throttling itself; what still fails is left to the run detail card.
  }
}
