import type { Job } from 'agenda';

/**
 * Runs `work` while renewing the job's Agenda lock every quarter of its lifetime. Agenda hands a job whose lock
 * is older than the lifetime to the next worker that polls (this one included) while the first execution keeps
 * running, so a promotion run longer than the lifetime would otherwise be executed twice at the same time.
 * A worker that dies stops renewing, and its run is taken over once the lifetime has passed.
 */
export async function withLockRenewal<T>(job: Pick<Job, 'touch'>, lockLifetimeMs: number, work: () => Promise<T>): Promise<T> {
  const timer = setInterval(
    () => {
      // A failed renewal is retried on the next tick; a lost lock is Agenda's to report.
      job.touch().catch(() => undefined);
    },
    Math.max(100, Math.floor(lockLifetimeMs / 4)),
  );
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
