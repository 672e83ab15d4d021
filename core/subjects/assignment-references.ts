import { isReferenceId, referencesOf } from './reference-ids';
import type { SubjectReference } from './references';
import { stripReadOnly } from './strip';
import type { GraphJson, ReferenceTranslator } from './subject-type';
import { translateId } from './translate';

/** Members of an assignment that belong to the tenant it was read from (never compared, never written). */
export const ASSIGNMENT_READ_ONLY_FIELDS: readonly string[] = ['id', 'sourceId', 'source'];

const FILTER_ID = 'deviceAndAppManagementAssignmentFilterId';
/** Scope tag assignments may name their group as `entraObjectId` (scopeTagGroupAssignmentTarget) instead of `groupId`. */
const GROUP_IDS = ['groupId', 'entraObjectId'] as const;

/** Groups and assignment filters named by assignment targets ("All users"/"All devices" targets name none). */
export function assignmentReferences(assignments: unknown): SubjectReference[] {
  if (!Array.isArray(assignments)) return [];
  return assignments.flatMap((assignment) => {
    const target = targetOf(assignment);
    return [...GROUP_IDS.flatMap((member) => referencesOf('group', target[member])), ...referencesOf('assignmentFilter', target[FILTER_ID])];
  });
}

/** Scope tags named by `roleScopeTagIds` (the built-in Default tag is not a reference). */
export function scopeTagReferences(raw: GraphJson): SubjectReference[] {
  return referencesOf('scopeTag', Array.isArray(raw.roleScopeTagIds) ? raw.roleScopeTagIds : []);
}

/** Assignments ready to send to the target: tenant-owned members removed, group and filter ids translated. */
export function translateAssignments(assignments: readonly GraphJson[], translate: ReferenceTranslator): GraphJson[] {
  const readOnly = new Set(ASSIGNMENT_READ_ONLY_FIELDS);
  return assignments.map((assignment) => {
    const copy = stripReadOnly(assignment, readOnly) as GraphJson;
    const target = targetOf(copy);
    if (Object.keys(target).length === 0) return copy;
    const translated: GraphJson = { ...target };
    for (const member of GROUP_IDS) if (isReferenceId(target[member])) translated[member] = translateId(translate, 'group', target[member]);
    if (isReferenceId(target[FILTER_ID])) translated[FILTER_ID] = translateId(translate, 'assignmentFilter', target[FILTER_ID]);
    return { ...copy, target: translated };
  });
}

function targetOf(assignment: unknown): GraphJson {
  if (typeof assignment !== 'object' || assignment === null) return {};
  const target = (assignment as GraphJson).target;
  return typeof target === 'object' && target !== null ? (target as GraphJson) : {};
}
