import type { DirectoryStore } from '../access/directory-store';
import type { TenantId, WorkspaceId } from '../ids';
import type { SubjectType } from '../subjects/subject-type';
import type { InventoryGraph } from './inventory-graph';
import type { InventoryRefresher } from './refresher';
import type { SnapshotStore } from './snapshot-store';
import { syncTenantInventory } from './sync-tenant';

/**
 * An InventoryRefresher for code already running in the worker: it reads the tenant in place instead of queuing
 * `inventory.sync` and waiting for itself. `waitMs` does not apply; the read's own Graph retries bound it.
 */
export class InlineInventoryRefresher implements InventoryRefresher {
  constructor(private readonly deps: { directory: DirectoryStore; graph: InventoryGraph; snapshots: SnapshotStore; types: SubjectType[]; now: () => Date }) {}

  async refresh(workspaceId: WorkspaceId, tenantId: TenantId): Promise<boolean> {
    const tenant = await this.deps.directory.getTenant(workspaceId, tenantId);
    if (!tenant) return true;
    await syncTenantInventory(this.deps, tenant);
    return true;
  }
}
