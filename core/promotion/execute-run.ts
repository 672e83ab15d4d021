import type { DirectoryStore } from '../access/directory-store';
import type { AuditLog } from '../audit/model';
import type { ControlStore } from '../controls/model';
import type { RunId } from '../ids';
import type { InventorySubject } from '../inventory/model';
import type { Logger } from '../logging/logger';
import { errorFields } from '../logging/logger';
import type { ItemJournal } from '../runs/item-journal';
import type { PromotionRun, RunItemResult } from '../runs/model';
import type { RunLease } from '../runs/run-lease';
import type { RunStore } from '../runs/run-store';
import { finishRun } from './finish-run';
import type { ItemContext } from './item-writes';
import { ExecutionStopped, LeaseKeeper } from './lease-keeper';
import type { PlanItem } from './plan';
import { PassingOutage, promoteItem, skipItem, type ItemRun, type PromotedItem } from './promote-item';
import type { PromotionGraph } from './promotion-graph';
import type { RunProgressNotifier } from './progress';
import { LiveSubjectReader } from './read-live-subject';
import { reauthoriseRun } from './reauthorise-run';
import { RunDependencies, withCreatedReferences } from './run-dependencies';
import { referenceKindOf } from '../subjects/governed-references';
import { runSummary, TERMINAL_STATUSES } from './run-outcome';
import { targetOnlyWrites } from './target-only-writes';
import { undoItem } from './undo-item';
import { verifyUndo } from './undo-verify';
import { verifyRun } from './verify-run';
import { interrupted, type ExecutionOutcome } from './run-interruption';

export type { ExecutionOutcome } from './run-interruption';

/** Timings of one executor; defaults suit production (DESIGN: takeover within 2 minutes, eventual consistency). */
export interface ExecutorSettings {
  /** This worker's name, shown as the lease holder. */
  owner: string;
  /** Lease lifetime: a dead executor's run can be taken over this long after its last renewal. */
  leaseMs: number;
  /** How long a write whose answer was lost may take to show in the target. */
  visibilityWaitMs: number;
  visibilityPollMs: number;
  /** Waits before each retry after a passing outage; once used up, the next outage ends the run `failed`. */
  retryDelaysMs: readonly number[];
}

export const DEFAULT_EXECUTOR_SETTINGS: Omit<ExecutorSettings, 'owner'> = {
  leaseMs: 60_000,
  visibilityWaitMs: 60_000,
  visibilityPollMs: 2_000,
  retryDelaysMs: [15_000, 30_000, 60_000, 120_000, 240_000],
};

/** The ports the promotion worker needs for one run. */
export interface ExecutorDeps {
  runs: RunStore;
  directory: DirectoryStore;
  controls: ControlStore;
  audit: AuditLog;
  graph: PromotionGraph;
  progress: RunProgressNotifier;
  lease: RunLease;
  journal: ItemJournal;
  logger: Logger;
  settings: ExecutorSettings;
  /** Whether a store error is a passing outage (connection lost, no primary, timeout): the run waits and retries. */
  isTransient: (error: unknown) => boolean;
  now: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** Milliseconds for lease bookkeeping; Date.now unless a test drives time. */
  clock?: () => number;
}

/**
 * Plan items promoted at the same time. Each item mostly waits (reads, then writes with Graph's latency), so a few in
 * flight keep a throttled tenant's write budget in use instead of leaving it idle; Retry-After still paces them.
 */
export const ITEMS_IN_FLIGHT = 4;

/**
 * Executes one queued promotion run (DESIGN flow 4) under the run's lease: only the lease holder writes, and every
 * item goes through the journal (claim, intent with before-image, write, result), so a second execution of the same
 * run writes nothing and a resumed one never guesses. Re-authorises before the first write, verifies afterwards,
 * and ends every run with its terminal status, audit, lock release and final message — or, after a passing outage,
 * leaves it waiting to retry, or hands it back on shutdown. A terminal run is never executed again.
 */
export async function executeRun(deps: ExecutorDeps, runId: RunId, opts: { signal?: AbortSignal } = {}): Promise<ExecutionOutcome> {
  const run = await deps.runs.getForWorker(runId);
  if (!run) return { kind: 'absent' };
  if (TERMINAL_STATUSES.has(run.status)) {
    // Only undoes a crash between the terminal status and the lock release; a finished run holds no lock otherwise.
    await deps.runs.releaseLock(run.targetTenantId, run.id);
    return { kind: 'already_finished' };
  }
  const attempt = await deps.lease.acquire(run.id, deps.settings.owner, deps.settings.leaseMs, deps.now());
  if (attempt.kind === 'held') return { kind: 'leased_elsewhere', owner: attempt.owner, expiresAt: attempt.expiresAt };
  const logger = deps.logger.child({ runId: run.id, token: attempt.grant.token });
  const keeper = new LeaseKeeper({ lease: deps.lease, clock: deps.clock ?? Date.now, logger }, attempt.grant, deps.settings.leaseMs, opts.signal);
  keeper.start();
  try {
    return await execute({ ...deps, logger }, run, keeper);
  } catch (error) {
    return await interrupted({ ...deps, logger }, run, keeper, error);
  } finally {
    keeper.stop();
  }
}

async function execute(deps: ExecutorDeps, run: PromotionRun, keeper: LeaseKeeper): Promise<ExecutionOutcome> {
  const access = await reauthoriseRun(deps, run);
  if (access.kind === 'revoked') {
    await finishRun(deps, run, { revokedReason: access.reason });
    await keeper.release();
    return { kind: 'finished', status: 'failed' };
  }
  const earlier = (await deps.runs.items(run.id)).items;
  const recorded = new Set(earlier.map((item) => item.index));
  // Items that reference an object created earlier in this run wait for it and write its new id (from the journal's results).
  const dependencies = new RunDependencies(earlier);
  const startedAt = run.startedAt ?? deps.now();
  let current: PromotionRun = { ...run, status: 'running', startedAt, summary: runSummary(run.plan.items.length, await deps.runs.itemCounts(run.id)) };
  delete current.retry;
  await deps.runs.update(run.id, { status: 'running', startedAt, summary: current.summary, retry: undefined });
  void notify(deps, current);

  const graph = targetOnlyWrites(deps.graph, { sourceTenantId: access.source.id, targetTenantId: access.target.id });
  const ctx: ItemContext = {
    graph,
    reader: new LiveSubjectReader(graph),
    source: access.source,
    target: access.target,
    includeAssignments: run.plan.includeAssignments,
    runId: run.id,
    journal: deps.journal,
    token: keeper.token,
    assertMayWrite: () => keeper.assertMayWrite(),
    now: deps.now,
    clock: deps.clock ?? Date.now,
    visibility: { waitMs: deps.settings.visibilityWaitMs, pollMs: deps.settings.visibilityPollMs },
    sleep: deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    logger: deps.logger,
  };
  const sources = new Map<number, InventorySubject>();
  // An undo run works from the undone run's journal: its before- and after-images of each item.
  const undone = new Map(run.undoes ? (await deps.journal.entries(run.undoes)).map((e) => [e.index, e]) : []);
  const runItem = async (item: PlanItem, index: number): Promise<ItemRun | undefined> => {
    const waited = await dependencies.await(item, index);
    if (waited.kind === 'stopped') return undefined;
    if (waited.kind === 'skip') return skipItem(ctx, index, waited.reason);
    return item.action === 'delete' || item.action === 'restore' ? undoItem(ctx, item, index, undone.get(item.undoOf ?? -1)) : promoteItem(ctx, waited.item, index);
  };
  const pending = run.plan.items.flatMap((item, index) => (recorded.has(index) ? [] : [{ item, index }]));
  let next = 0;
  let stopped: { error: unknown } | undefined;
  // Counts are read and reported one refresh at a time, so the run record and the card never go back to fewer.
  let reporting: Promise<void> = Promise.resolve();
  const refreshSummary = (item: PlanItem) => {
    const done = reporting.then(async () => {
      current = { ...current, summary: runSummary(run.plan.items.length, await deps.runs.itemCounts(run.id)), currentItem: item.displayName };
      await deps.runs.update(run.id, { summary: current.summary, currentItem: item.displayName });
      void notify(deps, current);
    });
    reporting = done.catch(() => undefined);
    return done;
  };
  // Each lane takes the next unrecorded item; the journal's claim makes sure no other executor writes it meanwhile.
  const lane = async () => {
    while (!stopped && next < pending.length) {
      const reason = keeper.stopReason();
      if (reason) {
        stopped ??= { error: new ExecutionStopped(reason) };
        break;
      }
      const { item, index } = pending[next++]!;
      let recordedResult: RunItemResult | undefined;
      try {
        current = { ...current, currentItem: item.displayName };
        void notify(deps, current);
        const outcome = await runItem(item, index);
        if (!outcome) continue;
        const result = outcome.kind === 'already_recorded' ? outcome.result : itemResult(run.id, index, item, outcome.promoted, deps.now());
        if (outcome.kind === 'promoted') {
          if (outcome.promoted.source) sources.set(index, outcome.promoted.source);
          if (!(await deps.journal.finish(run.id, index, keeper.token, result))) throw new ExecutionStopped('fenced');
        }
        await deps.runs.recordItem(result);
        recordedResult = result;
        forgetCreatedReference(ctx, result);
        await refreshSummary(item);
      } catch (error) {
        // No new item starts; those in flight finish and are recorded before the run stops with this error.
        stopped ??= { error };
      } finally {
        dependencies.settle(index, recordedResult);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(ITEMS_IN_FLIGHT, pending.length) }, lane));
  if (stopped) throw stopped.error;
  const results = (await deps.runs.items(run.id)).items;
  // Verification judges a dependant through the ids its run created for what it references.
  const byIndex = new Map(results.map((r) => [r.index, r]));
  const written = run.plan.items.map((item) => withCreatedReferences(item, byIndex));
  const verified = run.undoes
    ? await verifyUndo(ctx, run.plan.items, results, undone, (index, verification) => deps.runs.recordVerification(run.id, index, verification), deps.logger)
    : await verifyRun(ctx, written, results, sources, async (index, verification, after) => {
        await deps.runs.recordVerification(run.id, index, verification);
        if (after && !(await deps.journal.recordAfterImage(run.id, index, keeper.token, { targetId: after.graphId, payload: after.payload, assignments: after.assignments }))) {
          throw new ExecutionStopped('fenced');
        }
      }, deps.logger);
  keeper.assertMayWrite();
  const finished = await finishRun(deps, current, { verified });
  await keeper.release();
  deps.logger.info('run.finished', { status: finished.status, succeeded: finished.summary.succeeded, failed: finished.summary.failed, skipped: finished.summary.skipped, verified });
  return { kind: 'finished', status: finished.status };
}

function itemResult(runId: RunId, index: number, item: PlanItem, promoted: PromotedItem, at: Date): RunItemResult {
  return {
    runId,
    index,
    type: item.type,
    displayName: item.displayName,
    action: item.action,
    outcome: promoted.outcome,
    ...(promoted.targetId !== undefined ? { targetId: promoted.targetId } : {}),
    ...(promoted.priorState !== undefined ? { priorState: promoted.priorState } : {}),
    ...(promoted.reason !== undefined ? { reason: promoted.reason } : {}),
    ...('outcomeUnknown' in promoted && promoted.outcomeUnknown ? { outcomeUnknown: true as const } : {}),
    at,
  };
}

/** A subject other items reference was created or changed: the target's objects of its kind are read afresh. */
function forgetCreatedReference(ctx: ItemContext, result: RunItemResult): void {
  const kind = referenceKindOf(result.type);
  if (kind && result.outcome === 'succeeded') ctx.reader.forgetReferences(ctx.target, kind);
}

/** Progress goes to the card without holding up the run; the notifier queues it and logs what it cannot send. */
async function notify(deps: ExecutorDeps, run: PromotionRun): Promise<void> {
  try {
    await deps.progress.update(run, run.summary);
  } catch (error) {
    deps.logger.warn('run.progress_update_failed', errorFields(error));
  }
}

export { PassingOutage };
