// Inventory snapshots of generated tenants, normalised exactly as the inventory reader does it per subject
// (normaliseSubject, then portable hashes over the tenant's reference objects), without the HTTP reads.
import { REFERENCE_COLLECTIONS } from '../../core/graph-sandbox/graph-shape';
import { collectionKeyOf, type SandboxTenant } from '../../core/graph-sandbox/sandbox-tenant';
import { WorkspaceId } from '../../core/ids';
import type { InventorySnapshot, InventorySubject } from '../../core/inventory/model';
import { normaliseSubject } from '../../core/inventory/normalise';
import { withPortableHashes } from '../../core/inventory/portable-hash';
import { SUBJECT_TYPES } from '../../core/subjects/registry';
import { REFERENCE_KINDS, type ReferenceObject } from '../../core/subjects/references';

/** The workspace every benchmark tenant belongs to. */
export const BENCH_WORKSPACE = WorkspaceId('ws-bench');

/** The tenant's reference objects (groups, scope tags, filters...) as the reader keeps them. */
export function referenceObjectsOf(seed: SandboxTenant): ReferenceObject[] {
  return REFERENCE_KINDS.flatMap((kind) =>
    (seed.objects[REFERENCE_COLLECTIONS[kind].key] ?? []).map((o) => ({ kind, id: String(o.id), displayName: String(o.displayName) })),
  );
}

/** Every governed subject of the seed, normalised and hashed as `readTenantInventory` does once Graph has answered. */
export function normaliseTenant(seed: SandboxTenant, referenceObjects = referenceObjectsOf(seed)): InventorySubject[] {
  return Object.values(SUBJECT_TYPES).flatMap((type) =>
    (seed.objects[collectionKeyOf(type.collectionPath)] ?? []).map((raw) =>
      withPortableHashes(type, normaliseSubject(type, raw), referenceObjects),
    ),
  );
}

/** The seed as a fresh inventory snapshot observed at `observedAt`. */
export function snapshotOf(seed: SandboxTenant, observedAt: Date): InventorySnapshot {
  const referenceObjects = referenceObjectsOf(seed);
  return {
    workspaceId: BENCH_WORKSPACE,
    tenantId: seed.id,
    observedAt,
    lastAttemptAt: observedAt,
    subjects: normaliseTenant(seed, referenceObjects),
    referenceObjects,
  };
}
