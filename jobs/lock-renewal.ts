import type { Job } from 'agenda';
import { errorFields, jsonLogger, type Logger } from '../core/logging/logger';

/** What renewal needs of an Agenda job: touch(), and (from Agenda) when it was locked and when it should run. */
export type RenewableJob = Pick<Job, 'touch'> & { attrs?: { _id?: unknown; name?: string; lockedAt?: Date; nextRunAt?: Date | null } };

/** Optional observers of the lock: where failures are logged, and who hears that the lock may be lost. */
export interface LockRenewalOptions {
  /** Default: JSON lines on stdout, so a failed renewal is never swallowed because a caller passed no logger. */
  logger?: Logger;
  /** Called once when renewals have failed for as long as the lock lives: another worker may take the job now. */
  onLost?: () => void;
}

/**
 * The job's lock was older than half its lifetime when the job was about to start (the worker was stalled between
 * locking and starting, e.g. by a MongoDB pause): another worker may already have locked it as expired. Its work was
 * not started; the job is handed back (due now, unlocked when Agenda saves it) to be locked afresh.
 */
export class LockExpiredBeforeStart extends Error {
  override readonly name = 'LockExpiredBeforeStart';
  constructor(readonly lockAgeMs: number) {
    super(`the job's lock was ${lockAgeMs} ms old when it was about to start; handed back instead of started`);
  }
}

/**
 * Runs `work` while renewing the job's Agenda lock: once right away, then every quarter of its lifetime. Agenda hands
 * a job whose lock is older than the lifetime to the next worker that polls (this one included) while the first
 * execution keeps running, so a promotion run longer than the lifetime would otherwise be executed twice at once.
 *
 * Agenda v6 has no hook between locking a job and starting it, so the lock cannot be renewed from the moment it is
 * taken; the scheduler's lock limits (jobs/scheduler.ts) make that gap one local processing tick instead, and this
 * function refuses to start work whose lock is already older than half its lifetime (the rest of the lifetime is the
 * margin for the first renewal and clock skew between workers). A worker that dies stops renewing, and its job is
 * taken over once the lifetime has passed.
 */
export async function withLockRenewal<T>(
  job: RenewableJob,
  lockLifetimeMs: number,
  work: () => Promise<T>,
  { logger = jsonLogger(), onLost }: LockRenewalOptions = {},
): Promise<T> {
  const ids = { jobId: job.attrs?._id === undefined ? undefined : String(job.attrs._id), jobName: job.attrs?.name };
  const lockedAt = job.attrs?.lockedAt;
  const lockAgeMs = lockedAt ? Date.now() - new Date(lockedAt).getTime() : 0;
  if (lockAgeMs > lockLifetimeMs / 2) {
    // Due again at once: Agenda saves nextRunAt and clears the lock when the handler ends, so some worker locks it anew.
    if (job.attrs) job.attrs.nextRunAt = new Date();
    logger.warn('job.lock.late_start', { ...ids, lockAgeMs, lockLifetimeMs });
    throw new LockExpiredBeforeStart(lockAgeMs);
  }

  let lastRenewed = Date.now();
  let lost = false;
  const renew = async () => {
    try {
      await job.touch();
      lastRenewed = Date.now();
    } catch (error) {
      const sinceMs = Date.now() - lastRenewed;
      // Retried on the next tick; past the lifetime the lock is as good as gone and the owner must know.
      logger.warn('job.lock.renewal_failed', { ...ids, sinceLastRenewalMs: sinceMs, ...errorFields(error) });
      if (!lost && sinceMs >= lockLifetimeMs) {
        lost = true;
        logger.error('job.lock.lost', { ...ids, sinceLastRenewalMs: sinceMs, lockLifetimeMs });
        onLost?.();
      }
    }
  };
  const first = renew();
  const timer = setInterval(() => void renew(), Math.max(100, Math.floor(lockLifetimeMs / 4)));
  try {
    await first;
    return await work();
  } finally {
    clearInterval(timer);
  }
}
