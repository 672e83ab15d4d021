import type { AppliedMapping } from '../mappings/model';
import type { ComparePreview, SubjectKey } from '../compare/model';
import type { ReferenceKind } from '../subjects/references';
import type { SubjectTypeKey } from '../subjects/subject-type';

export const PREFLIGHT_OUTCOMES = ['ready', 'blocked', 'manual_mapping_required'] as const;
export type PreflightOutcome = (typeof PREFLIGHT_OUTCOMES)[number];

export const BLOCKED_REASONS = [
  'duplicate_name_in_source',
  'duplicate_name_in_target',
  'stale_evidence',
  'missing_evidence',
  'type_not_promotable',
  'provided_by_microsoft',
  'subject_not_promotable',
  'secret_bearing_payload',
  'identity_conflict',
] as const;
/** Stable reason code of a blocked subject. */
export type BlockedReason = (typeof BLOCKED_REASONS)[number];

/** A reference that cannot be resolved in the target tenant. */
export interface MappingGap {
  kind: ReferenceKind;
  /** Source tenant's object id and display name (name may be unknown when the source could not resolve it). */
  sourceId: string;
  sourceName: string | undefined;
  /**
   * `awaiting_promotion`: missing in the target, but the source object is itself a governed subject that is ready in the
   * same preflight (an assignment filter, named location or notification template): promoting it first resolves the
   * reference by name.
   */
  problem: 'missing_in_target' | 'ambiguous_in_target' | 'unknown_in_source' | 'mapped_target_missing' | 'awaiting_promotion';
}

/**
 * A reference of a ready subject to an object missing in the target that is itself a ready subject of the same
 * preflight (created, not updated): the run creates that subject first and this reference resolves to its new id.
 */
export interface CreatedFirst {
  kind: ReferenceKind;
  /** The subject that creates it (its source id is the reference's source id). */
  type: SubjectTypeKey;
  /** Source tenant's id of the referenced object. */
  sourceId: string;
  /** Its display name, the identity of the subject that creates it. */
  sourceName: string;
}

/** A managed mapping applied during resolution. */
export type { AppliedMapping };

/** A preflight decision for one subject to promote (missing in target or different). */
export interface PreflightItem extends SubjectKey {
  outcome: PreflightOutcome;
  /** `missing_in_target` → create, `different` → update. */
  action: 'create' | 'update';
  sourceId: string;
  targetId?: string;
  blockedReason?: BlockedReason;
  /** Human-readable detail for blocked subjects. */
  blockedDetail?: string;
  gaps?: MappingGap[];
  /** Source reference id → target id, for ready subjects. */
  referenceMap?: Record<string, string>;
  /** For ready subjects: references the same run resolves by creating the referenced subject first. */
  dependsOn?: CreatedFirst[];
  mappingsUsed?: AppliedMapping[];
  sourceHash: string;
  /** Content + assignments hash of the target at preflight time, for updates. */
  targetHash?: string;
}

export interface PreflightCounts {
  ready: number;
  blocked: number;
  manualMapping: number;
  inSync: number;
  onlyInTarget: number;
}

/** The read-only promotion preflight over a compare preview. */
export interface PromotionPreflight {
  compare: ComparePreview;
  items: PreflightItem[];
  counts: PreflightCounts;
  /** Subjects excluded from promotion that are neither blocked nor manual: ambiguous rows, only-in-target rows. */
  excluded: { key: SubjectKey; why: string }[];
  /** sha256 over the compare fingerprint, every item's decision and the mappings used. */
  fingerprint: string;
}
