import type { ReferenceKind } from '../subjects/references';

/**
 * Where each kind of reference object of a tenant is listed; every source answers objects with `id` and `displayName`.
 * Groups can number tens of thousands, so only the two members used are selected, in pages of 999.
 */
export const REFERENCE_SOURCES: Record<ReferenceKind, string> = {
  group: '/v1.0/groups?$select=id,displayName&$top=999',
  scopeTag: '/beta/deviceManagement/roleScopeTags',
  assignmentFilter: '/beta/deviceManagement/assignmentFilters',
  namedLocation: '/v1.0/identity/conditionalAccess/namedLocations',
  notificationTemplate: '/beta/deviceManagement/notificationMessageTemplates',
  authenticationStrength: '/v1.0/policies/authenticationStrengthPolicies',
};
