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

/** Reads the target of each assignment (`{ target: { '@odata.type', groupId, deviceAndAppManagementAssignmentFilter* } }`). */
export function assignmentTargets(assignments: readonly GraphJson[]): AssignmentTarget[] {
  return assignments.map((assignment) => {
    const target = (isObject(assignment['target']) ? assignment['target'] : {}) as GraphJson;
    const odataType = typeof target['@odata.type'] === 'string' ? target['@odata.type'] : 'unknown';
    const parsed: AssignmentTarget = { kind: odataType.replace(/^#?microsoft\.graph\./, '') };
    // A scope tag's group target (scopeTagGroupAssignmentTarget) names its group `entraObjectId`.
    const groupId = target['groupId'] ?? target['entraObjectId'];
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

const DESCRIBED: Record<string, (t: AssignmentTarget, name: (id: string) => string) => string> = {
  groupAssignmentTarget: (t, name) => `include group ${name(t.groupId ?? '?')}`,
  exclusionGroupAssignmentTarget: (t, name) => `exclude group ${name(t.groupId ?? '?')}`,
  scopeTagGroupAssignmentTarget: (t, name) => `include group ${name(t.groupId ?? '?')}`,
  allLicensedUsersAssignmentTarget: () => 'include all users',
  allDevicesAssignmentTarget: () => 'include all devices',
};

/**
 * Each assignment in words, with group and filter names where known and the intent when the type has one, e.g.
 * `include group Finance Laptops, filter Kiosk Devices (exclude), intent required`. Equal descriptions in two
 * tenants mean the same assignment although the ids differ.
 */
export function assignmentDescriptions(assignments: readonly GraphJson[], names: ReadonlyMap<string, string>): string[] {
  const name = (id: string) => names.get(id) ?? id;
  return assignmentTargets(assignments)
    .map((t, i) => {
      const base = (DESCRIBED[t.kind] ?? (() => t.kind))(t, name);
      const filter = t.filterId ? `, filter ${name(t.filterId)} (${t.filterType})` : '';
      const intent = assignments[i]?.['intent'];
      return `${base}${filter}${typeof intent === 'string' ? `, intent ${intent}` : ''}`;
    })
    .sort();
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
