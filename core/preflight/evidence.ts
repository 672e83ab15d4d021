import type { TenantId, WorkspaceId } from '../ids';
import type { InventorySnapshot, SnapshotFreshness } from '../inventory/model';

/**
 * A snapshot whose `observedAt` is the epoch has never been observed: callers that have no
 * snapshot for a tenant pass {@link emptySnapshot}, and preflight blocks with `missing_evidence`.
 */
export const NEVER_OBSERVED = new Date(0);

/** Stand-in for a tenant that was never inventoried: no subjects, observed "never". */
export function emptySnapshot(
  workspaceId: WorkspaceId,
  tenantId: TenantId,
  lastAttemptAt = NEVER_OBSERVED,
): InventorySnapshot {
  return { workspaceId, tenantId, observedAt: NEVER_OBSERVED, lastAttemptAt, subjects: [], referenceObjects: [] };
}

/**
 * How trustworthy a snapshot is at `now`: `missing` when never observed, `stale` when the last sync
 * failed or the observation is older than `freshnessMs`, else `fresh`.
 */
export function evidenceFreshness(snapshot: InventorySnapshot, now: Date, freshnessMs: number): SnapshotFreshness {
  if (snapshot.observedAt.getTime() <= NEVER_OBSERVED.getTime()) return 'missing';
  if (snapshot.staleReason !== undefined) return 'stale';
  return now.getTime() - snapshot.observedAt.getTime() > freshnessMs ? 'stale' : 'fresh';
}

/** Operator detail for a side whose evidence is not fresh, e.g. why the last sync failed or when it was observed. */
export function evidenceDetail(
  side: 'source' | 'target',
  snapshot: InventorySnapshot,
  freshness: SnapshotFreshness,
): string {
  const tenant = `${side} tenant`;
  if (freshness === 'missing') return `The ${tenant} has never been inventoried.`;
  if (snapshot.staleReason !== undefined)
    return `The last inventory sync of the ${tenant} failed: ${snapshot.staleReason}`;
  return `The ${tenant} inventory was last observed at ${snapshot.observedAt.toISOString()}.`;
}
