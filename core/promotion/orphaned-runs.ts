import type { RunId } from '../ids';
import type { RunLease } from '../runs/run-lease';
import type { RunStore } from '../runs/run-store';

/** Most active runs looked at per check; more than any workspace runs at once (one per target tenant). */
const MAX_CHECKED = 500;

/**
 * The runs that break "no run is ever left queued or running without a live executor": active runs whose lease has
 * expired (their executor died, hung or lost the store) or that never got one within `graceMs` of being due, and
 * that are not waiting for a scheduled retry still ahead. The watchdog job makes each due again.
 */
export async function orphanedRuns(deps: { runs: RunStore; lease: RunLease }, now: Date, graceMs: number): Promise<RunId[]> {
  const orphaned: RunId[] = [];
  for (const run of await deps.runs.listActive(MAX_CHECKED)) {
    if (run.retry && run.retry.at.getTime() > now.getTime()) continue;
    const holder = await deps.lease.holder(run.id);
    if (holder) {
      // An expired lease means its executor stopped renewing: nobody writes this run now.
      if (holder.expiresAt.getTime() <= now.getTime()) orphaned.push(run.id);
      continue;
    }
    // Never leased: its job is due and a worker should start it shortly; only a run waiting far longer is orphaned.
    const due = run.retry?.at ?? run.createdAt;
    if (now.getTime() - due.getTime() >= graceMs) orphaned.push(run.id);
  }
  return orphaned;
}
