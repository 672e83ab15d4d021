import { describe, expect, it } from 'vitest';
import { referenceOrigins, referencesToResolve } from '../../../core/preflight/reference-origins';
import { allUsers, excludeGroup, includeGroup, snapshot, SOURCE_TENANT } from '../../support/inventory-builder';

describe('reference origins', () => {
  const subject = snapshot(SOURCE_TENANT)
    .subject(
      'conditionalAccessPolicy',
      'Require MFA',
      { conditions: { users: { includeGroups: ['g-admins'] } } },
      {
        references: [{ kind: 'group', id: 'g-admins' }],
        assignments: [
          includeGroup('g-admins'),
          excludeGroup('g-vip'),
          allUsers({ filterId: 'f-byod', mode: 'exclude' }),
        ],
      },
    )
    .build().subjects[0]!;

  it('tells payload references from assignment-only references', () => {
    expect(referenceOrigins(subject)).toEqual([
      { kind: 'group', id: 'g-admins', origin: 'both' },
      { kind: 'group', id: 'g-vip', origin: 'assignments' },
      { kind: 'assignmentFilter', id: 'f-byod', origin: 'assignments' },
    ]);
  });

  it('adds assignment references the extractor did not list', () => {
    const bare = { ...subject, references: [] };
    expect(referencesToResolve(bare, true)).toEqual([
      { kind: 'group', id: 'g-admins' },
      { kind: 'group', id: 'g-vip' },
      { kind: 'assignmentFilter', id: 'f-byod' },
    ]);
  });

  it('keeps only payload references when assignments are not promoted', () => {
    expect(referencesToResolve(subject, false)).toEqual([{ kind: 'group', id: 'g-admins' }]);
  });

  it('ignores an assignment filter of type none', () => {
    const unfiltered = {
      ...subject,
      references: [],
      assignments: [
        {
          target: {
            '@odata.type': '#microsoft.graph.allDevicesAssignmentTarget',
            deviceAndAppManagementAssignmentFilterId: '00000000-0000-0000-0000-000000000000',
            deviceAndAppManagementAssignmentFilterType: 'none',
          },
        },
      ],
    };
    expect(referenceOrigins(unfiltered)).toEqual([]);
  });
});
