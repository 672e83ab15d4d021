import type { TenantId } from '../ids';
import type { AppliedMapping } from '../mappings/model';
import type { SubjectTypeKey } from '../subjects/subject-type';

/** What the operator asked to compare. */
export interface CompareSelection {
  sourceTenantId: TenantId;
  targetTenantId: TenantId;
  /** Subject types in scope; empty means every registered type. */
  types: SubjectTypeKey[];
  includeAssignments: boolean;
}

export const COMPARE_STATES = ['in_sync', 'different', 'missing_in_target', 'only_in_target', 'ambiguous'] as const;
export type CompareState = (typeof COMPARE_STATES)[number];

/** A subject's identity across tenants: type + display name (case-insensitive, trimmed). */
export interface SubjectKey {
  type: SubjectTypeKey;
  displayName: string;
}

/** One setting that differs, with values shortened for display. */
export interface SettingDifference {
  /** Dotted path of the setting, e.g. `passwordMinimumLength` or `settings[deviceVendor].value`. */
  path: string;
  sourceValue: string | undefined;
  targetValue: string | undefined;
}

/** One row of the compare preview. */
export interface CompareEntry extends SubjectKey {
  state: CompareState;
  /** Graph ids on each side; more than one means duplicate names (ambiguous). */
  sourceIds: string[];
  targetIds: string[];
  /** Which side(s) hold duplicate names, for ambiguous entries. */
  duplicatedIn?: ('source' | 'target')[];
  /** True when only assignments differ. */
  assignmentsOnly?: boolean;
  /** True when both sides hold one subject of this name but of different kinds (platform / odata type). */
  identityConflict?: boolean;
  /** The pair's managed mappings that judged a reference of the source subject (in sync or different); absent when none. */
  mappingsUsed?: AppliedMapping[];
}

export type CompareCounts = Record<CompareState, number>;

/** The compare preview: deterministic order and a fingerprint of its inputs. */
export interface ComparePreview {
  selection: CompareSelection;
  entries: CompareEntry[];
  counts: CompareCounts;
  /** sha256 over selection + both snapshots' subject hashes in scope + the pair's managed mappings. */
  fingerprint: string;
  sourceObservedAt: Date;
  targetObservedAt: Date;
}
