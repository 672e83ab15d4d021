import type { Tenant } from '../access/model';
import { DomainError } from '../errors';
import type { SubjectType } from '../subjects/subject-type';
import type { InventoryGraph } from './inventory-graph';
import type { InventorySnapshot } from './model';
import { readTenantInventory } from './read-tenant';
import type { SnapshotStore } from './snapshot-store';

/** Outcome of one inventory sync, as reported to the operator. */
export type SyncOutcome =
  | { kind: 'refreshed'; subjectCount: number; observedAt: Date }
  | { kind: 'failed'; reason: string };

/**
 * Reads a tenant's inventory and replaces its snapshot. A tenant that cannot be read keeps its
 * previous snapshot, marked stale with the reason, so compare shows the evidence is old and why.
 */
export async function syncTenantInventory(
  deps: { graph: InventoryGraph; snapshots: SnapshotStore; types: SubjectType[]; now: () => Date },
  tenant: Tenant,
): Promise<SyncOutcome> {
  const startedAt = deps.now();
  try {
    const { subjects, referenceObjects } = await readTenantInventory(deps.graph, tenant, deps.types);
    const snapshot: InventorySnapshot = {
      workspaceId: tenant.workspaceId,
      tenantId: tenant.id,
      observedAt: startedAt,
      lastAttemptAt: startedAt,
      subjects,
      referenceObjects,
    };
    await deps.snapshots.replace(snapshot);
    return { kind: 'refreshed', subjectCount: subjects.length, observedAt: startedAt };
  } catch (error) {
    const reason = error instanceof DomainError ? error.message : `inventory read failed (${error instanceof Error ? error.name : 'unknown error'})`;
    await deps.snapshots.markStale(tenant.workspaceId, tenant.id, reason, startedAt);
    return { kind: 'failed', reason };
  }
}
