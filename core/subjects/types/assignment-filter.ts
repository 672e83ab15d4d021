import { defineIntuneType } from '../intune-type';
import { referencesOf } from '../reference-ids';
import type { GraphJson } from '../subject-type';
import { translateIds } from '../translate';

/**
 * Assignment filters as governed subjects: the rule is the policy. A filter is never assigned itself; it names its
 * scope tags in `roleScopeTags` (not `roleScopeTagIds`), and `payloads` is Intune's report of the assignments that use
 * it, so it is neither compared nor written. Platform and management type cannot change on an existing filter, so
 * they are its kind.
 */
export const assignmentFilter = defineIntuneType({
  key: 'assignmentFilter',
  label: 'Assignment filter',
  collectionPath: '/beta/deviceManagement/assignmentFilters',
  odataTypes: ['#microsoft.graph.deviceAndAppManagementAssignmentFilter'],
  extraReadOnlyFields: ['payloads'],
  assignable: false,
  referenceKinds: ['scopeTag'],
  kindKey: (raw: GraphJson) => `assignmentFilter:${String(raw.platform ?? 'unknown')}:${String(raw.assignmentFilterManagementType ?? 'devices')}`,
  payloadReferences: (raw) => referencesOf('scopeTag', Array.isArray(raw.roleScopeTags) ? raw.roleScopeTags : []),
  adaptWriteBody: (body, translate) =>
    Array.isArray(body.roleScopeTags) ? { ...body, roleScopeTags: translateIds(translate, 'scopeTag', body.roleScopeTags) } : body,
});
