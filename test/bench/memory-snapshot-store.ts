// A SnapshotStore in memory, for benchmarks whose figure does not depend on how snapshots are stored (card sizes):
// keeps ten-thousand-subject snapshots out of the database round trips that would dominate the run time.
import type { TenantId, WorkspaceId } from '../../core/ids';
import type { InventorySnapshot } from '../../core/inventory/model';
import type { SnapshotHeader, SnapshotStore } from '../../core/inventory/snapshot-store';

export class MemorySnapshotStore implements SnapshotStore {
  private readonly snapshots = new Map<string, InventorySnapshot>();

  async get(workspaceId: WorkspaceId, tenantId: TenantId): Promise<InventorySnapshot | undefined> {
    return this.snapshots.get(`${workspaceId}:${tenantId}`);
  }

  async headers(workspaceId: WorkspaceId): Promise<SnapshotHeader[]> {
    return [...this.snapshots.values()]
      .filter((s) => s.workspaceId === workspaceId)
      .map(({ subjects, referenceObjects: _r, ...header }) => ({ ...header, subjectCount: subjects.length }));
  }

  async replace(snapshot: InventorySnapshot): Promise<void> {
    this.snapshots.set(`${snapshot.workspaceId}:${snapshot.tenantId}`, snapshot);
  }

  async markStale(workspaceId: WorkspaceId, tenantId: TenantId, reason: string, at: Date): Promise<void> {
    const key = `${workspaceId}:${tenantId}`;
    const old = this.snapshots.get(key);
    this.snapshots.set(
      key,
      old
        ? { ...old, staleReason: reason, lastAttemptAt: at }
        : { workspaceId, tenantId, observedAt: new Date(0), lastAttemptAt: at, staleReason: reason, subjects: [], referenceObjects: [] },
    );
  }
}
