import { REFERENCE_KIND_LABELS } from '../subjects/references';
import type { BlockedReason, CreatedFirst, MappingGap } from './model';

const BLOCKED_REASON_TEXT: Record<BlockedReason, string> = {
  duplicate_name_in_source:
    'Several subjects in the source tenant share this name, so it is unclear which one to promote; rename the duplicates.',
  duplicate_name_in_target:
    'Several subjects in the target tenant share this name, so it is unclear which one to update; rename or remove the duplicates.',
  stale_evidence:
    'The inventory of the source or target tenant is out of date; run a sync and generate the preflight again.',
  missing_evidence: 'The source or target tenant has never been inventoried; run a sync before generating a preflight.',
  type_not_promotable: 'This subject type can be compared but not promoted.',
  provided_by_microsoft:
    'Microsoft provides this subject in every tenant and keeps it read-only, so it is compared but never promoted.',
  subject_not_promotable: 'This subject can be compared but cannot be written to the target as it is.',
  secret_bearing_payload:
    'The subject holds secret values that Microsoft Graph does not return, so it cannot be copied faithfully; recreate it by hand.',
  identity_conflict:
    'The target has a subject with this name but of a different kind (platform or profile type), so it cannot be updated in place.',
};

/** One operator-readable sentence explaining a blocked reason (cards, exports, audit prose). */
export function blockedReasonText(reason: BlockedReason): string {
  return BLOCKED_REASON_TEXT[reason];
}

const GAP_PROBLEM_TEXT: Record<MappingGap['problem'], (what: string) => string> = {
  missing_in_target: (what) => `${what} does not exist in the target tenant.`,
  ambiguous_in_target: (what) => `${what} matches several objects of the same name in the target tenant.`,
  unknown_in_source: (what) => `${what} could not be found in the source tenant's inventory.`,
  mapped_target_missing: (what) => `${what} is mapped to a target object that no longer exists.`,
  awaiting_promotion: (what) =>
    `${what} is not in the target tenant yet, but it is ready in this preflight: once the other references are mapped, the same run creates it first.`,
};

/** One operator-readable sentence for a mapping gap, e.g. `Group "Pilot users" does not exist in the target tenant.` */
export function mappingGapText(gap: MappingGap): string {
  const label = REFERENCE_KIND_LABELS[gap.kind];
  const what = gap.sourceName !== undefined ? `${label} "${gap.sourceName}"` : `${label} ${gap.sourceId}`;
  return GAP_PROBLEM_TEXT[gap.problem](what);
}

/** What a ready subject waits for in its run, e.g. `uses assignment filter "Kiosk Devices", created first in this run`. */
export function createdFirstText(dependsOn: readonly CreatedFirst[]): string {
  const named = dependsOn.map((d) => `${REFERENCE_KIND_LABELS[d.kind].toLowerCase()} "${d.sourceName}"`);
  const list = named.length <= 2 ? named.join(' and ') : `${named.slice(0, -1).join(', ')} and ${named.at(-1)}`;
  return `uses ${list}, created first in this run`;
}
