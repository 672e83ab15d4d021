import type { ActorId, TenantId, WorkspaceId } from '../ids';
import type { ReferenceKind } from '../subjects/references';

/** An operator's decision that a source reference object corresponds to a target object. */
export interface ReferenceMapping {
  workspaceId: WorkspaceId;
  sourceTenantId: TenantId;
  targetTenantId: TenantId;
  kind: ReferenceKind;
  sourceId: string;
  sourceName: string;
  targetId: string;
  targetName: string;
  createdBy: ActorId;
  createdAt: Date;
}

/**
 * The part of a managed mapping that judges a reference: source object `sourceId` of `kind` is target object
 * `targetId`. What compare, preflight, promotion and its verification all apply.
 */
export interface AppliedMapping {
  kind: ReferenceKind;
  sourceId: string;
  targetId: string;
}

/** Managed mappings per source/target tenant pair. */
export interface MappingStore {
  /** Mappings of the pair, ordered by kind then source name; empty when none. */
  list(workspaceId: WorkspaceId, sourceTenantId: TenantId, targetTenantId: TenantId): Promise<ReferenceMapping[]>;
  /** Inserts or replaces the mapping of (pair, kind, sourceId). */
  save(mapping: ReferenceMapping): Promise<void>;
  /** Removes a mapping; false when there was none. */
  remove(workspaceId: WorkspaceId, sourceTenantId: TenantId, targetTenantId: TenantId, kind: ReferenceKind, sourceId: string): Promise<boolean>;
}
