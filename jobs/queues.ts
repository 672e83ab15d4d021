import type { Agenda } from 'agenda';
import type { Db } from 'mongodb';
import { COLLECTIONS } from '../core/store/collections';
import type { TenantId, WorkspaceId, RunId } from '../core/ids';
import type { InventoryRefresher } from '../core/inventory/refresher';
import type { SnapshotStore } from '../core/inventory/snapshot-store';
import type { PromotionQueue } from '../core/workflows/promotion-queue';
import { JOB_NAMES } from './job-data';

/** PromotionQueue on Agenda: one job per run, unique by run id so a repeated enqueue runs it once. */
export class AgendaPromotionQueue implements PromotionQueue {
  constructor(
    private readonly agenda: Agenda,
    private readonly db: Db,
  ) {}

  async enqueue(runId: RunId) {
    await this.agenda
      .create(JOB_NAMES.promotionExecute, { runId: String(runId) })
      .unique({ name: JOB_NAMES.promotionExecute, 'data.runId': String(runId) }, { insertOnly: true })
      .schedule(new Date())
      .save();
  }

  async resume(runId: RunId) {
    // Straight on the job document: due now and unlocked, so the next polling worker takes it even when a worker
    // that died still holds its Agenda lock. The run's lease, not this lock, decides who may write.
    const { matchedCount } = await this.jobs.updateOne(
      { name: JOB_NAMES.promotionExecute, 'data.runId': String(runId) },
      { $set: { nextRunAt: new Date(), lockedAt: null } },
    );
    if (matchedCount === 0) await this.enqueue(runId);
  }

  private get jobs() {
    return this.db.collection(COLLECTIONS.agendaJobs);
  }
}

/** InventoryRefresher on Agenda: queues `inventory.sync` and watches the snapshot's last attempt. */
export class AgendaInventoryRefresher implements InventoryRefresher {
  constructor(
    private readonly agenda: Agenda,
    private readonly snapshots: SnapshotStore,
    private readonly pollMs = 100,
  ) {}

  async refresh(workspaceId: WorkspaceId, tenantId: TenantId, waitMs: number) {
    const requestedAt = Date.now();
    await this.agenda.now(JOB_NAMES.inventorySync, { workspaceId: String(workspaceId), tenantId: String(tenantId) });
    const deadline = requestedAt + waitMs;
    while (Date.now() < deadline) {
      const header = (await this.snapshots.headers(workspaceId)).find((h) => h.tenantId === tenantId);
      if (header && header.lastAttemptAt.getTime() >= requestedAt) return true;
      await new Promise((r) => setTimeout(r, this.pollMs));
    }
    return false;
  }
}
