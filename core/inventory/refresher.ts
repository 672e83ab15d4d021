import type { TenantId, WorkspaceId } from '../ids';

/** Asks for a tenant's inventory to be refreshed (through the `inventory.sync` job). */
export interface InventoryRefresher {
  /**
   * Queues a refresh and waits up to `waitMs` for it to finish.
   * Resolves true when the refresh finished in time (successfully or not), false when still running.
   */
  refresh(workspaceId: WorkspaceId, tenantId: TenantId, waitMs: number): Promise<boolean>;
}
