import type { TenantId, WorkspaceId } from '../ids';
import type { ReferenceObject, SubjectReference } from '../subjects/references';
import type { GraphJson, SubjectTypeKey } from '../subjects/subject-type';

/** One governed subject as last observed in a tenant, normalised for comparison. */
export interface InventorySubject {
  type: SubjectTypeKey;
  /** Object id in the tenant it was read from. */
  graphId: string;
  /** Identity within its type (settings catalog: `name`). */
  displayName: string;
  /** Must match across tenants for same-named subjects to be the same kind (platform / odata type). */
  kindKey: string;
  /** Normalised payload: read-only fields stripped, keys ordered. Excludes assignments. */
  payload: GraphJson;
  /** Normalised assignments (Graph shape, read-only fields stripped). */
  assignments: GraphJson[];
  references: SubjectReference[];
  /** Paths of secret-bearing values that Graph does not return in clear. */
  secretPaths: string[];
  /**
   * The secret paths whose plain value Graph returned through the type's documented read when the inventory was taken
   * (the value itself is never kept): a promotion reads them again when it writes, so they do not block it.
   */
  readableSecretPaths?: string[];
  /** Set on an object Microsoft ships in every tenant and keeps read-only (e.g. its own remediations): never promoted. */
  providedByMicrosoft?: true;
  /** sha256 of the canonical payload. */
  contentHash: string;
  /** sha256 of the canonical assignments. */
  assignmentsHash: string;
}

export type SnapshotFreshness = 'fresh' | 'stale' | 'missing';

/** The last observed state of one tenant. */
export interface InventorySnapshot {
  workspaceId: WorkspaceId;
  tenantId: TenantId;
  observedAt: Date;
  /** Set when the last sync failed: the old subjects are kept and this says why. */
  staleReason?: string;
  /** When the last sync attempt ran (successful or not). */
  lastAttemptAt: Date;
  subjects: InventorySubject[];
  referenceObjects: ReferenceObject[];
}
