// Tenant-owned ids of the fixture policies and the assignments they carry.
import type { ReferenceKind } from '../../../core/subjects/references';
import type { GraphJson, ReferenceTranslator } from '../../../core/subjects/subject-type';

/** The tenant-owned ids and clock values one copy of a policy carries. */
export interface TenantSide {
  policyId: string;
  created: string;
  modified: string;
  groupId: string;
  excludedGroupId: string;
  filterId: string;
  scopeTagId: string;
  locationId: string;
  notificationTemplateId: string;
  /** A custom authentication strength's id (built-in strengths have the same ids everywhere). */
  authenticationStrengthId: string;
  assignmentId: string;
}

export const SOURCE: TenantSide = {
  policyId: 'a1b2c3d4-0000-4000-8000-00000000000a',
  created: '2025-11-03T08:15:42.1234567Z',
  modified: '2026-02-11T16:04:09.7654321Z',
  groupId: '5a1c0f0e-1111-4111-8111-000000000001',
  excludedGroupId: '5a1c0f0e-1111-4111-8111-000000000002',
  filterId: '7f3e2d1c-2222-4222-8222-000000000001',
  scopeTagId: '3',
  locationId: '9c8b7a65-3333-4333-8333-000000000001',
  notificationTemplateId: 'e0d1c2b3-4444-4444-8444-000000000001',
  authenticationStrengthId: 'b7c6d5e4-5555-4555-8555-000000000001',
  assignmentId: 'a1b2c3d4-0000-4000-8000-00000000000a_5a1c0f0e-1111-4111-8111-000000000001',
};

export const TARGET: TenantSide = {
  policyId: 'f9e8d7c6-0000-4000-8000-0000000000bb',
  created: '2026-01-20T10:00:00.0000000Z',
  modified: '2026-03-01T12:30:00.0000000Z',
  groupId: '6b2d1e0f-1111-4111-8111-0000000000aa',
  excludedGroupId: '6b2d1e0f-1111-4111-8111-0000000000ab',
  filterId: '8e4f3a2b-2222-4222-8222-0000000000aa',
  scopeTagId: '7',
  locationId: 'a9b8c7d6-3333-4333-8333-0000000000aa',
  notificationTemplateId: 'f1e2d3c4-4444-4444-8444-0000000000aa',
  authenticationStrengthId: 'c8d7e6f5-5555-4555-8555-0000000000aa',
  assignmentId: 'f9e8d7c6-0000-4000-8000-0000000000bb_6b2d1e0f-1111-4111-8111-0000000000aa',
};

/** The same policies re-created in the source tenant: new object, assignment ids and timestamps, same references. */
export const SOURCE_RECREATED: TenantSide = {
  ...SOURCE,
  policyId: TARGET.policyId,
  created: TARGET.created,
  modified: TARGET.modified,
  assignmentId: TARGET.assignmentId,
};

const SIDE_MEMBER_BY_KIND: Record<ReferenceKind, (keyof TenantSide)[]> = {
  group: ['groupId', 'excludedGroupId'],
  scopeTag: ['scopeTagId'],
  assignmentFilter: ['filterId'],
  namedLocation: ['locationId'],
  notificationTemplate: ['notificationTemplateId'],
  authenticationStrength: ['authenticationStrengthId'],
};

/** Maps every SOURCE reference id to its TARGET counterpart (what a resolved preflight would hand the writer). */
export const sourceToTarget: ReferenceTranslator = (ref) => {
  const member = SIDE_MEMBER_BY_KIND[ref.kind].find((m) => SOURCE[m] === ref.id);
  return member ? TARGET[member] : undefined;
};

/** An include-group assignment with an include filter, plus an exclusion, as the `$expand=assignments` list returns them. */
export function policyAssignments(side: TenantSide): GraphJson[] {
  return [
    {
      id: side.assignmentId,
      source: 'direct',
      sourceId: side.policyId,
      target: {
        '@odata.type': '#microsoft.graph.groupAssignmentTarget',
        deviceAndAppManagementAssignmentFilterId: side.filterId,
        deviceAndAppManagementAssignmentFilterType: 'include',
        groupId: side.groupId,
      },
    },
    {
      id: `${side.policyId}_${side.excludedGroupId}`,
      source: 'direct',
      sourceId: side.policyId,
      target: {
        '@odata.type': '#microsoft.graph.exclusionGroupAssignmentTarget',
        deviceAndAppManagementAssignmentFilterId: null,
        deviceAndAppManagementAssignmentFilterType: 'none',
        groupId: side.excludedGroupId,
      },
    },
  ];
}

/** An "All devices" assignment: no group, zero-GUID filter. */
export function allDevicesAssignment(side: TenantSide): GraphJson {
  return {
    id: `${side.policyId}_adadadad-808e-44e2-905a-0b7873a8a531`,
    target: {
      '@odata.type': '#microsoft.graph.allDevicesAssignmentTarget',
      deviceAndAppManagementAssignmentFilterId: '00000000-0000-0000-0000-000000000000',
      deviceAndAppManagementAssignmentFilterType: 'none',
    },
  };
}
