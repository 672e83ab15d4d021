import { defineIntuneType } from '../intune-type';
import type { SubjectType } from '../subject-type';

/** The built-in "Default" scope tag: id 0 in every tenant. */
const DEFAULT_TAG_ID = '0';

const base = defineIntuneType({
  key: 'scopeTag',
  label: 'Scope tag',
  collectionPath: '/beta/deviceManagement/roleScopeTags',
  odataTypes: ['#microsoft.graph.roleScopeTag'],
  // Whether Intune made the tag is the tenant's fact, not a setting anyone writes.
  extraReadOnlyFields: ['isBuiltIn'],
  referenceKinds: ['group', 'assignmentFilter'],
  kindKey: () => 'roleScopeTag',
});

/**
 * Intune scope tags as governed subjects: name and description, and the groups whose devices get the tag
 * automatically (`assign` with roleScopeTagAutoAssignment items under `assignments`). Policies keep naming tags by id,
 * translated by name. The built-in "Default" tag (id 0) exists in every tenant and is never created or changed.
 */
export const scopeTag: SubjectType = {
  ...base,
  promotionBlock: (subject) =>
    subject.graphId === DEFAULT_TAG_ID ? 'The built-in Default scope tag exists in every tenant and cannot be changed.' : undefined,
};
