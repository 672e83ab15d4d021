import type { GraphJson } from '../subjects/subject-type';

/** The parts of one Intune assignment target that matter across tenants. */
export interface AssignmentTarget {
  /** Short target kind, e.g. `groupAssignmentTarget`. */
  kind: string;
  groupId?: string;
  filterId?: string;
  filterType?: 'include' | 'exclude';
}

const EMPTY_GUID = '00000000-0000-0000-0000-000000000000';

const TARGET_LABELS: Record<string, (t: AssignmentTarget) => string> = {
  groupAssignmentTarget: (t) => `include group ${t.groupId ?? '?'}`,
  exclusionGroupAssignmentTarget: (t) => `exclude group ${t.groupId ?? '?'}`,
  allLicensedUsersAssignmentTarget: () => 'all users',
  allDevicesAssignmentTarget: () => 'all devices',
};

/** Reads the target of each assignment (`{ target: { '@odata.type', groupId, deviceAndAppManagementAssignmentFilter* } }`). */
export function assignmentTargets(assignments: readonly GraphJson[]): AssignmentTarget[] {
  return assignments.map((assignment) => {
    const target = (isObject(assignment['target']) ? assignment['target'] : {}) as GraphJson;
    const odataType = typeof target['@odata.type'] === 'string' ? target['@odata.type'] : 'unknown';
    const parsed: AssignmentTarget = { kind: odataType.replace(/^#?microsoft\.graph\./, '') };
    const groupId = target['groupId'];
    if (typeof groupId === 'string' && groupId !== '') parsed.groupId = groupId;
    const filterId = target['deviceAndAppManagementAssignmentFilterId'];
    const filterType = target['deviceAndAppManagementAssignmentFilterType'];
    if (typeof filterId === 'string' && filterId !== '' && filterId !== EMPTY_GUID && filterType !== 'none') {
      parsed.filterId = filterId;
      parsed.filterType = filterType === 'exclude' ? 'exclude' : 'include';
    }
    return parsed;
  });
}

/** One-line operator summary of assignments: count, then each target (sorted), e.g. `2 assignments: all users, exclude group g1`. */
export function summariseAssignments(assignments: readonly GraphJson[]): string {
  if (assignments.length === 0) return 'no assignments';
  const parts = assignmentTargets(assignments)
    .map((t) => {
      const base = (TARGET_LABELS[t.kind] ?? (() => t.kind))(t);
      return t.filterId ? `${base} (filter ${t.filterType} ${t.filterId})` : base;
    })
    .sort();
  const noun = assignments.length === 1 ? 'assignment' : 'assignments';
  return `${assignments.length} ${noun}: ${parts.join(', ')}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
