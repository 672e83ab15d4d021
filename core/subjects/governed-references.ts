import type { ReferenceKind } from './references';
import type { SubjectTypeKey } from './subject-type';

/**
 * Reference kinds that are governed subjects themselves, with their subject type: an object of such a kind missing in
 * the target can be created by the same run as the subjects that point at it (matched across tenants by display name).
 */
export const GOVERNED_REFERENCE_TYPES: Partial<Record<ReferenceKind, SubjectTypeKey>> = {
  assignmentFilter: 'assignmentFilter',
  namedLocation: 'namedLocation',
  notificationTemplate: 'notificationMessageTemplate',
  scopeTag: 'scopeTag',
  authenticationStrength: 'authenticationStrength',
};

/** The reference kind a subject of `type` is when other subjects point at it; undefined for types nothing references. */
export function referenceKindOf(type: SubjectTypeKey): ReferenceKind | undefined {
  return (Object.keys(GOVERNED_REFERENCE_TYPES) as ReferenceKind[]).find((kind) => GOVERNED_REFERENCE_TYPES[kind] === type);
}
