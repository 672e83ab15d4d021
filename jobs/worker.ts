import type { Agenda, Job } from 'agenda';
import type { DirectoryStore } from '../core/access/directory-store';
import { TenantId, WorkspaceId, RunId } from '../core/ids';
import { syncTenantInventory } from '../core/inventory/sync-tenant';
import type { InventoryGraph } from '../core/inventory/inventory-graph';
import type { SnapshotStore } from '../core/inventory/snapshot-store';
import { executeRun, type ExecutorDeps } from '../core/promotion/execute-run';
import { SUBJECT_TYPES } from '../core/subjects/registry';
import { InventorySyncJobData, JOB_NAMES, PromotionJobData } from './job-data';
import type { Logger } from '../core/logging/logger';
import { withLockRenewal } from './lock-renewal';
import { INVENTORY_CONCURRENCY, jobOptions } from './scheduler';

/** What the worker needs: the executor's ports plus inventory reading. */
export interface WorkerDeps {
  executor: ExecutorDeps;
  directory: DirectoryStore;
  snapshots: SnapshotStore;
  inventoryGraph: InventoryGraph;
  syncIntervalHours: number;
  promotionLockLifetimeMs: number;
  /** Promotion jobs this worker runs at once (WORKER_CONCURRENCY); it never locks more than that. */
  workerConcurrency: number;
  /**
   * Aborted first when the process is asked to stop (SIGTERM): a running promotion hands its run back at the next
   * item boundary, so the drain ends quickly and another worker resumes the run from its journal.
   */
  shutdownSignal: AbortSignal;
  logger: Logger;
  log: (msg: string) => void;
}

/** Registers the job handlers. Job data is validated; a malformed job fails without side effects. */
export function defineJobs(agenda: Agenda, deps: WorkerDeps): void {
  agenda.define(
    JOB_NAMES.promotionExecute,
    async (job: Job<unknown>) => {
      const { runId } = PromotionJobData.parse(job.attrs.data);
      deps.log(`promotion run ${runId}: started by the worker`);
      await withLockRenewal(job, deps.promotionLockLifetimeMs, () => executeRun(deps.executor, RunId(runId)), {
        logger: deps.logger.child({ runId }),
      });
      deps.log(`promotion run ${runId}: worker finished`);
      // The target's snapshot predates what the run wrote; the next compare and preflight must see it.
      const run = await deps.executor.runs.getForWorker(RunId(runId));
      if (run) await agenda.now(JOB_NAMES.inventorySync, { workspaceId: String(run.workspaceId), tenantId: String(run.targetTenantId) });
    },
    jobOptions(deps.workerConcurrency, deps.promotionLockLifetimeMs),
  );

  agenda.define(
    JOB_NAMES.inventorySync,
    async (job: Job<unknown>) => {
      const data = InventorySyncJobData.parse(job.attrs.data);
      await withLockRenewal(job, deps.promotionLockLifetimeMs, () => syncInventory(deps, data), { logger: deps.logger });
    },
    jobOptions(INVENTORY_CONCURRENCY, deps.promotionLockLifetimeMs),
  );
}

async function syncInventory(deps: WorkerDeps, data: InventorySyncJobData): Promise<void> {
  const tenants =
    'all' in data
      ? await deps.directory.listAllTenants()
      : [await deps.directory.getTenant(WorkspaceId(data.workspaceId), TenantId(data.tenantId))].filter((t) => t !== undefined);
  for (const tenant of tenants) {
    const outcome = await syncTenantInventory(
      { graph: deps.inventoryGraph, snapshots: deps.snapshots, types: Object.values(SUBJECT_TYPES), now: () => new Date() },
      tenant,
    );
    deps.log(
      `inventory ${tenant.displayName}: ${outcome.kind === 'refreshed' ? `${outcome.subjectCount} subjects` : `stale (${outcome.reason})`}`,
    );
  }
}

/** Starts processing and schedules the periodic inventory refresh (Agenda runs it once right away, so a fresh demo has snapshots). */
export async function startWorker(agenda: Agenda, deps: Pick<WorkerDeps, 'syncIntervalHours'>): Promise<void> {
  await agenda.start();
  await agenda.every(`${deps.syncIntervalHours} hours`, JOB_NAMES.inventorySync, { all: true } as never);
}
