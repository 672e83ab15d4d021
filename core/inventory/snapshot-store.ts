import type { TenantId, WorkspaceId } from '../ids';
import type { InventorySnapshot } from './model';

/** Header facts of a snapshot, without its subjects (cheap to list). */
export type SnapshotHeader = Omit<InventorySnapshot, 'subjects' | 'referenceObjects'> & { subjectCount: number };

/** Last observed inventory per tenant, always read within its workspace. */
export interface SnapshotStore {
  /** The full snapshot, or undefined when the tenant was never read successfully. */
  get(workspaceId: WorkspaceId, tenantId: TenantId): Promise<InventorySnapshot | undefined>;
  /** Headers of the workspace's snapshots. */
  headers(workspaceId: WorkspaceId): Promise<SnapshotHeader[]>;
  /** Replaces the tenant's snapshot; readers see the old one until the new one is complete. */
  replace(snapshot: InventorySnapshot): Promise<void>;
  /** Keeps the old subjects and marks the snapshot stale with a reason (creates an empty one if none). */
  markStale(workspaceId: WorkspaceId, tenantId: TenantId, reason: string, at: Date): Promise<void>;
}
