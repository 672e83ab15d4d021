import type { Agenda, Job } from 'agenda';
import type { DirectoryStore } from '../core/access/directory-store';
import { TenantId, WorkspaceId } from '../core/ids';
import { syncTenantInventory } from '../core/inventory/sync-tenant';
import type { InventoryGraph } from '../core/inventory/inventory-graph';
import type { SnapshotStore } from '../core/inventory/snapshot-store';
import type { ExecutorDeps } from '../core/promotion/execute-run';
import type { PromotionQueue } from '../core/workflows/promotion-queue';
import { definePromotionJobs, startPromotionWatchdog } from './promotion-jobs';
import { SUBJECT_TYPES } from '../core/subjects/registry';
import { InventorySyncJobData, JOB_NAMES } from './job-data';
import { defineDriftJobs, startDriftSweep, type DriftJobDeps } from './drift-jobs';

/** What the worker needs: the executor's ports plus inventory reading. */
export interface WorkerDeps {
  executor: ExecutorDeps;
  directory: DirectoryStore;
  snapshots: SnapshotStore;
  inventoryGraph: InventoryGraph;
  syncIntervalHours: number;
  promotionLockLifetimeMs: number;
  /** How often the watchdog resumes runs whose executor is gone. */
  watchdogIntervalMs: number;
  queue: PromotionQueue;
  /** Aborted when the worker shuts down, so its running run is handed back at once. */
  shutdownSignal?: AbortSignal;
  log: (msg: string) => void;
  drift: DriftJobDeps;
}

/** Registers the job handlers. Job data is validated; a malformed job fails without side effects. */
export function defineJobs(agenda: Agenda, deps: WorkerDeps): void {
  definePromotionJobs(agenda, {
    executor: deps.executor,
    queue: deps.queue,
    logger: deps.executor.logger,
    promotionLockLifetimeMs: deps.promotionLockLifetimeMs,
    watchdogIntervalMs: deps.watchdogIntervalMs,
    ...(deps.shutdownSignal ? { shutdownSignal: deps.shutdownSignal } : {}),
    // The target's snapshot predates what the run wrote; the next compare and preflight must see it.
    afterRun: async (runId) => {
      const run = await deps.executor.runs.getForWorker(runId);
      if (run) await agenda.now(JOB_NAMES.inventorySync, { workspaceId: String(run.workspaceId), tenantId: String(run.targetTenantId) });
    },
  });

  agenda.define(
    JOB_NAMES.inventorySync,
    async (job: Job<unknown>) => {
      const data = InventorySyncJobData.parse(job.attrs.data);
      const tenants = 'all' in data
        ? await deps.directory.listAllTenants()
        : [await deps.directory.getTenant(WorkspaceId(data.workspaceId), TenantId(data.tenantId))].filter((t) => t !== undefined);
      for (const tenant of tenants) {
        const outcome = await syncTenantInventory(
          { graph: deps.inventoryGraph, snapshots: deps.snapshots, types: Object.values(SUBJECT_TYPES), now: () => new Date() },
          tenant,
        );
        deps.log(`inventory ${tenant.displayName}: ${outcome.kind === 'refreshed' ? `${outcome.subjectCount} subjects` : `stale (${outcome.reason})`}`);
      }
    },
    { concurrency: 2 },
  );

  defineDriftJobs(agenda, deps.drift);
}

/** Starts processing and schedules the periodic inventory refresh (Agenda runs it once right away, so a fresh demo has snapshots). */
export async function startWorker(agenda: Agenda, deps: Pick<WorkerDeps, 'syncIntervalHours' | 'watchdogIntervalMs' | 'drift'>): Promise<void> {
  await agenda.start();
  await agenda.every(`${deps.syncIntervalHours} hours`, JOB_NAMES.inventorySync, { all: true } as never);
  await startPromotionWatchdog(agenda, deps.watchdogIntervalMs);
  await startDriftSweep(agenda, deps.drift);
}
