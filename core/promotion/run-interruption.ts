import type { Logger } from '../logging/logger';
import { errorFields } from '../logging/logger';
import type { PromotionRun, RunStatus } from '../runs/model';
import type { ExecutorDeps } from './execute-run';
import { finishRun } from './finish-run';
import { ExecutionStopped, type LeaseKeeper } from './lease-keeper';
import { PassingOutage } from './promote-item';

/** What one execution of a run came to; the job handler schedules what follows from it. */
export type ExecutionOutcome =
  | { kind: 'absent' }
  | { kind: 'already_finished' }
  /** Another live executor holds the run's lease: this one wrote nothing. */
  | { kind: 'leased_elsewhere'; owner: string; expiresAt: Date }
  | { kind: 'finished'; status: RunStatus }
  /** Shutdown: stopped at an item boundary and released the lease, so another worker resumes it now. */
  | { kind: 'handed_back' }
  /** The lease was lost (not renewed in time, or taken over): stopped before the next write. */
  | { kind: 'lease_lost' }
  /** A passing outage: the run waits and is executed again at `at`. */
  | { kind: 'retry_later'; at: Date; attempt: number; reason: string }
  /** The run could not even be ended (the store is down): the watchdog resumes it once its lease expires. */
  | { kind: 'interrupted'; reason: string };

/**
 * Ends an execution that stopped on an error, so that no run is ever left `running` without a live lease:
 * a stop hands the run back or leaves it to the next lease holder; a passing outage (store or Graph) makes it wait
 * and retry with growing delays; anything else, or an outage once the retries are used up, ends it `failed` with a
 * plain reason, its terminal audit, the target lock released and the final message.
 */
export async function interrupted(deps: ExecutorDeps, run: PromotionRun, keeper: LeaseKeeper, error: unknown): Promise<ExecutionOutcome> {
  const { logger } = deps;
  if (error instanceof ExecutionStopped) {
    if (error.reason === 'shutdown') {
      await keeper.release().catch((e: unknown) => logger.warn('run.lease.release_failed', errorFields(e)));
      logger.info('run.handed_back');
      return { kind: 'handed_back' };
    }
    logger.warn('run.stopped', { reason: error.reason });
    return { kind: 'lease_lost' };
  }
  const passing = error instanceof PassingOutage || deps.isTransient(error);
  const attempt = (run.retry?.attempt ?? 0) + 1;
  const delay = deps.settings.retryDelaysMs[attempt - 1];
  if (passing && delay !== undefined) {
    const at = new Date(deps.now().getTime() + delay);
    const reason = outageText(error);
    logger.warn('run.waiting_to_retry', { attempt, at: at.toISOString(), ...errorFields(error) });
    try {
      await deps.runs.update(run.id, { retry: { attempt, at, reason }, currentItem: undefined });
      await deps.progress
        .update({ ...run, status: 'running', retry: { attempt, at, reason } }, run.summary)
        .catch((e: unknown) => logger.warn('run.progress_update_failed', errorFields(e)));
      await keeper.release();
    } catch (stillDown) {
      // The store is still out: the lease runs out on its own and the watchdog resumes the run after it.
      logger.warn('run.retry_not_recorded', errorFields(stillDown));
    }
    return { kind: 'retry_later', at, attempt, reason };
  }
  try {
    // Ending the run is the lease holder's: an executor cut off meanwhile leaves it to whoever holds it now.
    if (!(await keeper.confirm())) {
      logger.warn('run.stopped', { reason: 'lease_lost', ...errorFields(error) });
      return { kind: 'lease_lost' };
    }
    logger.error('run.failed', errorFields(error));
    const latest = (await deps.runs.getForWorker(run.id)) ?? run;
    await finishRun(deps, latest, { failure: failureText(error, passing) });
    await keeper.release();
    return { kind: 'finished', status: 'failed' };
  } catch (cannotEnd) {
    logger.error('run.finish_failed', errorFields(cannotEnd));
    return { kind: 'interrupted', reason: failureText(cannotEnd, true) };
  }
}

/** A passing outage in operator words. */
function outageText(error: unknown): string {
  if (error instanceof PassingOutage) return `Microsoft Graph did not answer (${error.reason.replace(/\.$/, '')}).`;
  return 'The TenantAtlas database could not be reached.';
}

/** Why a run ended failed, in operator words; never a payload, token or stack. */
function failureText(error: unknown, passing: boolean): string {
  if (passing) return `${outageText(error)} It kept failing after every retry, so the run was ended; promote again once it is back.`;
  const detail = error instanceof Error ? error.message.replace(/\s+/g, ' ').slice(0, 200) : String(error).slice(0, 200);
  return `The run stopped on an unexpected error (${detail}). Nothing more was written; the subjects already promoted are listed below.`;
}

export type { Logger };
