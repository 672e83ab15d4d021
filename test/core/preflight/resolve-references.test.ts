import { describe, expect, it } from 'vitest';
import type { GraphJson } from '../../../core/subjects/subject-type';
import { comparePair, includeGroup, snapshot, SOURCE_TENANT, TARGET_TENANT } from '../../support/inventory-builder';

/** A conditional access policy naming groups and a named location in its payload (no assignments). */
function caPolicy(groupIds: string[], locationIds: string[]): GraphJson {
  return {
    displayName: 'Require MFA',
    state: 'enabledForReportingButNotEnforced',
    conditions: { users: { includeGroups: groupIds }, locations: { includeLocations: locationIds } },
    grantControls: { operator: 'OR', builtInControls: ['mfa'] },
  };
}

function caSubject(builder: ReturnType<typeof snapshot>, groups: string[], locations: string[]) {
  return builder.subject('conditionalAccessPolicy', 'Require MFA', caPolicy(groups, locations), {
    references: [
      ...groups.map((id) => ({ kind: 'group' as const, id })),
      ...locations.map((id) => ({ kind: 'namedLocation' as const, id })),
    ],
  });
}

const only = (r: ReturnType<typeof comparePair>) => r.preflight.items[0]!;

describe('reference resolution', () => {
  it('maps groups and named locations to the target objects of the same name, ignoring case', () => {
    const source = caSubject(
      snapshot(SOURCE_TENANT).group('s-admins', 'Tier 0 Admins').namedLocation('s-office', 'HQ Office'),
      ['s-admins'],
      ['s-office'],
    ).build();
    const target = snapshot(TARGET_TENANT)
      .group('t-admins', 'tier 0 admins')
      .namedLocation('t-office', 'HQ Office')
      .build();
    expect(only(comparePair(source, target))).toMatchObject({
      outcome: 'ready',
      referenceMap: { 's-admins': 't-admins', 's-office': 't-office' },
    });
  });

  it('needs no mapping for the built-in Default scope tag', () => {
    const source = snapshot(SOURCE_TENANT)
      .deviceConfiguration('R', {}, { scopeTags: ['0'] })
      .build();
    expect(only(comparePair(source, snapshot(TARGET_TENANT).build()))).toMatchObject({
      outcome: 'ready',
      referenceMap: { '0': '0' },
    });
  });

  it('requires manual mapping for every reference the target cannot resolve, listing all gaps sorted', () => {
    const source = caSubject(
      snapshot(SOURCE_TENANT)
        .group('s-pilot', 'Pilot users')
        .group('s-admins', 'Admins')
        .namedLocation('s-office', 'HQ Office'),
      ['s-pilot', 's-admins', 's-ghost'],
      ['s-office'],
    ).build();
    const target = snapshot(TARGET_TENANT)
      .group('t-a1', 'Admins')
      .group('t-a2', 'ADMINS')
      .namedLocation('t-office', 'HQ Office')
      .build();
    const item = only(comparePair(source, target));
    expect(item.outcome).toBe('manual_mapping_required');
    expect(item.referenceMap).toBeUndefined();
    expect(item.gaps).toEqual([
      { kind: 'group', sourceId: 's-ghost', sourceName: undefined, problem: 'unknown_in_source' },
      { kind: 'group', sourceId: 's-admins', sourceName: 'Admins', problem: 'ambiguous_in_target' },
      { kind: 'group', sourceId: 's-pilot', sourceName: 'Pilot users', problem: 'missing_in_target' },
    ]);
  });

  it('resolves a gap through a managed mapping and records the mapping used', () => {
    const source = caSubject(snapshot(SOURCE_TENANT).group('s-pilot', 'Pilot users'), ['s-pilot'], []).build();
    const target = snapshot(TARGET_TENANT).group('t-ring1', 'Ring 1 devices').build();
    const mapping = { kind: 'group' as const, sourceId: 's-pilot', targetId: 't-ring1' };
    expect(only(comparePair(source, target, { mappings: [mapping] }))).toMatchObject({
      outcome: 'ready',
      referenceMap: { 's-pilot': 't-ring1' },
      mappingsUsed: [mapping],
    });
  });

  it('prefers a managed mapping over a same-name match', () => {
    const source = caSubject(snapshot(SOURCE_TENANT).group('s-pilot', 'Pilot users'), ['s-pilot'], []).build();
    const target = snapshot(TARGET_TENANT).group('t-pilot', 'Pilot users').group('t-ring1', 'Ring 1').build();
    const mappings = [{ kind: 'group' as const, sourceId: 's-pilot', targetId: 't-ring1' }];
    expect(only(comparePair(source, target, { mappings })).referenceMap).toEqual({ 's-pilot': 't-ring1' });
  });

  it('turns a mapping whose target object has vanished into a gap, even if a same-named object exists', () => {
    const source = caSubject(snapshot(SOURCE_TENANT).group('s-pilot', 'Pilot users'), ['s-pilot'], []).build();
    const target = snapshot(TARGET_TENANT).group('t-pilot', 'Pilot users').build();
    const mappings = [{ kind: 'group' as const, sourceId: 's-pilot', targetId: 't-deleted' }];
    expect(only(comparePair(source, target, { mappings }))).toMatchObject({
      outcome: 'manual_mapping_required',
      gaps: [{ kind: 'group', sourceId: 's-pilot', sourceName: 'Pilot users', problem: 'mapped_target_missing' }],
    });
  });

  it('does not use a mapping of another reference kind with the same id', () => {
    const source = caSubject(snapshot(SOURCE_TENANT).group('s-1', 'Pilot users'), ['s-1'], []).build();
    const target = snapshot(TARGET_TENANT).group('t-1', 'Ring 1').namedLocation('t-1', 'HQ').build();
    const mappings = [{ kind: 'namedLocation' as const, sourceId: 's-1', targetId: 't-1' }];
    expect(only(comparePair(source, target, { mappings })).gaps).toEqual([
      { kind: 'group', sourceId: 's-1', sourceName: 'Pilot users', problem: 'missing_in_target' },
    ]);
  });
});

describe('assignment references', () => {
  const source = snapshot(SOURCE_TENANT)
    .group('s-pilot', 'Pilot users')
    .assignmentFilter('s-corp', 'Corporate devices')
    .settingsCatalog(
      'Baseline',
      { defender_puaprotection: 'enabled' },
      { assignments: [includeGroup('s-pilot', { filterId: 's-corp' })] },
    )
    .build();
  const target = snapshot(TARGET_TENANT).build();

  it('ignores groups and filters used only by assignments when assignments are not promoted', () => {
    expect(only(comparePair(source, target))).toMatchObject({ outcome: 'ready', referenceMap: { '0': '0' } });
  });

  it('requires the assignment groups and filters in the target when assignments are promoted', () => {
    expect(only(comparePair(source, target, { includeAssignments: true })).gaps).toEqual([
      { kind: 'assignmentFilter', sourceId: 's-corp', sourceName: 'Corporate devices', problem: 'missing_in_target' },
      { kind: 'group', sourceId: 's-pilot', sourceName: 'Pilot users', problem: 'missing_in_target' },
    ]);
  });

  it('still requires a group the payload names even when it is also assigned and assignments are left out', () => {
    const both = snapshot(SOURCE_TENANT)
      .group('s-admins', 'Admins')
      .subject('conditionalAccessPolicy', 'Require MFA', caPolicy(['s-admins'], []), {
        references: [{ kind: 'group', id: 's-admins' }],
        assignments: [includeGroup('s-admins')],
      })
      .build();
    expect(only(comparePair(both, target)).gaps).toEqual([
      { kind: 'group', sourceId: 's-admins', sourceName: 'Admins', problem: 'missing_in_target' },
    ]);
  });
});
