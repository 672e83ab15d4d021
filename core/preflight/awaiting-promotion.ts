import { identityKey } from '../compare/subject-identity';
import type { ReferenceKind } from '../subjects/references';
import type { SubjectTypeKey } from '../subjects/subject-type';
import type { MappingGap, PreflightItem } from './model';

/** Reference kinds that are also governed subjects, and their subject type (matched across tenants by display name). */
const GOVERNED_REFERENCES: Partial<Record<ReferenceKind, SubjectTypeKey>> = {
  assignmentFilter: 'assignmentFilter',
  namedLocation: 'namedLocation',
  notificationTemplate: 'notificationMessageTemplate',
  scopeTag: 'scopeTag',
  authenticationStrength: 'authenticationStrength',
};

/**
 * Items whose missing reference is itself ready to promote in the same preflight get that gap as
 * `awaiting_promotion`: still not ready (a run promotes ready subjects only, in no guaranteed order), but the operator
 * reads that promoting the reference first resolves it, instead of being sent to map it by hand.
 */
export function markAwaitingPromotion(items: readonly PreflightItem[]): PreflightItem[] {
  const ready = new Set(items.filter((i) => i.outcome === 'ready' && i.action === 'create').map((i) => identityKey(i.type, i.displayName)));
  const awaits = (gap: MappingGap): boolean => {
    const type = GOVERNED_REFERENCES[gap.kind];
    return gap.problem === 'missing_in_target' && type !== undefined && gap.sourceName !== undefined && ready.has(identityKey(type, gap.sourceName));
  };
  return items.map((item) =>
    item.gaps?.some(awaits) ? { ...item, gaps: item.gaps.map((g) => (awaits(g) ? { ...g, problem: 'awaiting_promotion' as const } : g)) } : item,
  );
}
