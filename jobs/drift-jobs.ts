import { randomBytes } from 'node:crypto';
import type { Agenda, Job } from 'agenda';
import { z } from 'zod';
import type { DirectoryStore } from '../core/access/directory-store';
import type { AuditLog } from '../core/audit/model';
import { WorkspaceId } from '../core/ids';
import { InlineInventoryRefresher } from '../core/inventory/inline-refresher';
import type { InventoryGraph } from '../core/inventory/inventory-graph';
import type { SnapshotStore } from '../core/inventory/snapshot-store';
import { errorFields, type Logger } from '../core/logging/logger';
import { SUBJECT_TYPES } from '../core/subjects/registry';
import type { DriftPoster } from '../core/watches/drift-poster';
import type { WatchQueue } from '../core/watches/watch-queue';
import type { WatchStore } from '../core/watches/watch-store';
import { checkWatch, type WatchCheckDeps } from '../core/workflows/check-watch';
import { withLockRenewal } from './lock-renewal';

/** Job names of drift watches: one periodic sweep that queues due checks, and one job per check. */
export const DRIFT_JOB_NAMES = { sweep: 'drift.sweep', check: 'drift.check' } as const;

/** Data of a `drift.check` job: the watch, and the due time a scheduled check was queued for (absent for Check now). */
export const DriftCheckJobData = z.object({
  workspaceId: z.string().min(1).max(100),
  watchId: z.string().uuid(),
  due: z.string().datetime().optional(),
  /** Set on Check now jobs, so a click while one waits adds none. */
  manual: z.literal(true).optional(),
});

/** What the drift jobs need; assembled in compose. */
export interface DriftJobDeps {
  watches: WatchStore;
  directory: DirectoryStore;
  snapshots: SnapshotStore;
  inventoryGraph: InventoryGraph;
  poster: DriftPoster;
  audit: AuditLog;
  freshnessMs: number;
  /** How long one check may hold its watch before another worker may take it over. */
  checkLeaseMs: number;
  /** How often the sweep looks for due watches. */
  sweepIntervalSeconds: number;
  log: Logger;
  now: () => Date;
}

/** Most due watches one sweep queues; the rest are queued by the next sweep. */
const SWEEP_BATCH = 500;

/**
 * Registers `drift.sweep` and `drift.check`. Each due check is queued once per due time (a unique job) and run by
 * whoever claims the watch's lease while it is still due at that time, so with several workers it runs once.
 */
export function defineDriftJobs(agenda: Agenda, deps: DriftJobDeps): void {
  const owner = `${agenda.attrs.name ?? 'worker'}-${randomBytes(4).toString('hex')}`;
  const checkDeps: WatchCheckDeps = {
    ...deps,
    refresher: new InlineInventoryRefresher({ directory: deps.directory, graph: deps.inventoryGraph, snapshots: deps.snapshots, types: Object.values(SUBJECT_TYPES), now: deps.now }),
    refreshWaitMs: 0,
    leaseMs: deps.checkLeaseMs,
    owner,
    log: deps.log.child({ job: DRIFT_JOB_NAMES.check }),
  };

  agenda.define(DRIFT_JOB_NAMES.sweep, async () => {
    const due = await deps.watches.listDue(deps.now(), SWEEP_BATCH);
    for (const watch of due) await queueCheck(agenda, { workspaceId: watch.workspaceId, watchId: watch.id, due: watch.nextCheckAt.toISOString() });
  });

  agenda.define(
    DRIFT_JOB_NAMES.check,
    async (job: Job<unknown>) => {
      const parsed = DriftCheckJobData.safeParse(job.attrs.data);
      if (!parsed.success) {
        deps.log.error('drift.check.invalid_data', { job: DRIFT_JOB_NAMES.check });
        return;
      }
      const { workspaceId, watchId, due } = parsed.data;
      const outcome = await withLockRenewal(job, deps.checkLeaseMs, () =>
        checkWatch(checkDeps, { workspaceId: WorkspaceId(workspaceId), watchId, ...(due ? { due: new Date(due) } : {}) }),
      );
      deps.log.info('drift.check.done', { watchId, outcome, scheduled: due !== undefined });
    },
    { concurrency: 2, lockLifetime: deps.checkLeaseMs, removeOnComplete: true },
  );
}

/** Schedules the sweep (one shared job for all workers); call after defineDriftJobs. */
export async function startDriftSweep(agenda: Agenda, deps: Pick<DriftJobDeps, 'sweepIntervalSeconds' | 'log'>): Promise<void> {
  await agenda.every(`${deps.sweepIntervalSeconds} seconds`, DRIFT_JOB_NAMES.sweep).catch((error: unknown) => {
    deps.log.error('drift.sweep.schedule_failed', errorFields(error));
    throw error;
  });
}

async function queueCheck(agenda: Agenda, data: z.infer<typeof DriftCheckJobData>): Promise<void> {
  await agenda
    .create(DRIFT_JOB_NAMES.check, data)
    .unique({ name: DRIFT_JOB_NAMES.check, 'data.watchId': data.watchId, ...(data.due ? { 'data.due': data.due } : { 'data.manual': true }) }, { insertOnly: true })
    .schedule(new Date())
    .save();
}

/** WatchQueue on Agenda: Check now queues one `drift.check` without a due time (a click while one waits adds none). */
export class AgendaWatchQueue implements WatchQueue {
  constructor(private readonly agenda: Agenda) {}

  async checkNow(workspaceId: WorkspaceId, watchId: string) {
    await queueCheck(this.agenda, { workspaceId: String(workspaceId), watchId, manual: true });
  }
}
