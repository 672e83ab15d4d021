/** Kinds of object a policy may point at that must exist (under another id) in the target tenant. */
export const REFERENCE_KINDS = ['group', 'scopeTag', 'assignmentFilter', 'namedLocation', 'notificationTemplate', 'authenticationStrength'] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

export const REFERENCE_KIND_LABELS: Record<ReferenceKind, string> = {
  group: 'Group',
  scopeTag: 'Scope tag',
  assignmentFilter: 'Assignment filter',
  namedLocation: 'Named location',
  notificationTemplate: 'Notification template',
  authenticationStrength: 'Authentication strength',
};

/** A reference found in a subject, by its id in the tenant the subject was read from. */
export interface SubjectReference {
  kind: ReferenceKind;
  id: string;
}

/** A reference object (group, scope tag, ...) of one tenant, matched across tenants by display name. */
export interface ReferenceObject {
  kind: ReferenceKind;
  id: string;
  displayName: string;
}

/**
 * Well-known ids that mean the same in every tenant and never need mapping
 * (the built-in "Default" scope tag is id "0"; "All users"/"All devices" targets carry no group id; the built-in
 * authentication strengths, multifactor, passwordless and phishing-resistant, have the same ids in every tenant).
 */
export const UNIVERSAL_REFERENCE_IDS: Partial<Record<ReferenceKind, readonly string[]>> = {
  scopeTag: ['0'],
  authenticationStrength: ['00000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-000000000003', '00000000-0000-0000-0000-000000000004'],
};
