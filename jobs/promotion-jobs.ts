import type { Agenda, Job } from 'agenda';
import { RunId } from '../core/ids';
import type { LogFields, Logger } from '../core/logging/logger';
import { errorFields } from '../core/logging/logger';
import { executeRun, type ExecutionOutcome, type ExecutorDeps } from '../core/promotion/execute-run';
import { orphanedRuns } from '../core/promotion/orphaned-runs';
import type { PromotionQueue } from '../core/workflows/promotion-queue';
import { JOB_NAMES, PromotionJobData } from './job-data';
import { withLockRenewal } from './lock-renewal';
import { BACKGROUND_CONCURRENCY, jobOptions } from './scheduler';

/** What the promotion jobs need beyond the executor's ports. */
export interface PromotionJobDeps {
  executor: ExecutorDeps;
  queue: PromotionQueue;
  logger: Logger;
  promotionLockLifetimeMs: number;
  /** Promotion jobs this worker runs at once; it never locks more (jobs/scheduler.ts). */
  workerConcurrency: number;
  /** How often the watchdog looks for runs nobody executes. */
  watchdogIntervalMs: number;
  /** Aborted when the worker shuts down: a running run is handed back at its next item boundary. */
  shutdownSignal?: AbortSignal;
  /** Called after a run ended, so the target's snapshot shows what it wrote. */
  afterRun: (runId: RunId) => Promise<void>;
}

/**
 * `promotion.execute` runs one run through the executor and schedules what its outcome calls for: a run waiting after
 * a passing outage is due again at its retry time, a run handed back on shutdown is due at once for another worker.
 * Agenda saves `nextRunAt` after the handler returns. `promotion.watchdog` makes due again every run whose lease
 * expired, so no run stays `running` without a live executor (a crashed worker's run resumes within lease + interval).
 */
export function definePromotionJobs(agenda: Agenda, deps: PromotionJobDeps): void {
  agenda.define(
    JOB_NAMES.promotionExecute,
    async (job: Job<unknown>) => {
      const { runId } = PromotionJobData.parse(job.attrs.data);
      const log = deps.logger.child({ runId, job: JOB_NAMES.promotionExecute });
      log.info('promotion.job.started');
      const outcome = await withLockRenewal(
        job,
        deps.promotionLockLifetimeMs,
        () => executeRun(deps.executor, RunId(runId), deps.shutdownSignal ? { signal: deps.shutdownSignal } : {}),
        { logger: log },
      );
      log.info('promotion.job.ended', { outcome: outcome.kind, ...detail(outcome) });
      const next = nextRunAt(outcome, deps.executor.settings.leaseMs);
      if (next) job.attrs.nextRunAt = next;
      if (outcome.kind === 'finished') await deps.afterRun(RunId(runId)).catch((error: unknown) => log.warn('promotion.after_run_failed', errorFields(error)));
    },
    jobOptions(deps.workerConcurrency, deps.promotionLockLifetimeMs),
  );

  agenda.define(JOB_NAMES.promotionWatchdog, async () => {
    const now = deps.executor.now();
    for (const runId of await orphanedRuns(deps.executor, now, deps.executor.settings.leaseMs)) {
      deps.logger.warn('promotion.watchdog.resumed', { runId });
      await deps.queue.resume(runId);
    }
  }, jobOptions(BACKGROUND_CONCURRENCY, deps.promotionLockLifetimeMs));
}

/** Schedules the watchdog (one job for all workers: its check is idempotent). */
export async function startPromotionWatchdog(agenda: Agenda, intervalMs: number): Promise<void> {
  await agenda.every(`${Math.max(1, Math.round(intervalMs / 1000))} seconds`, JOB_NAMES.promotionWatchdog, {} as never);
}

/** When the run's job is due again, if at all. */
function nextRunAt(outcome: ExecutionOutcome, leaseMs: number): Date | undefined {
  switch (outcome.kind) {
    case 'retry_later':
      return outcome.at;
    case 'handed_back':
      return new Date();
    case 'leased_elsewhere':
      // Look again once that lease runs out: done by then, or its holder died and this job takes the run over.
      return new Date(outcome.expiresAt.getTime() + 1_000);
    case 'interrupted':
      // The store failed even to end the run; its lease runs out, then this job (or the watchdog) resumes it.
      return new Date(Date.now() + leaseMs);
    default:
      return undefined;
  }
}

function detail(outcome: ExecutionOutcome): LogFields {
  switch (outcome.kind) {
    case 'finished':
      return { status: outcome.status };
    case 'retry_later':
      return { retryAt: outcome.at.toISOString(), attempt: outcome.attempt };
    case 'leased_elsewhere':
      return { heldBy: outcome.owner };
    case 'interrupted':
      return { reason: outcome.reason };
    default:
      return {};
  }
}
