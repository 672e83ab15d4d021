import { describe, expect, it } from 'vitest';
import { exportRows } from '../../../core/preflight/export-rows';
import { createdFirstText, mappingGapText } from '../../../core/preflight/reason-text';
import type { SubjectTypeKey } from '../../../core/subjects/subject-type';
import { comparePair, includeGroup, snapshot, SOURCE_TENANT, TARGET_TENANT, type PairOptions } from '../../support/inventory-builder';

const TYPES: SubjectTypeKey[] = ['assignmentFilter', 'deviceConfiguration', 'namedLocation', 'conditionalAccessPolicy'];
const KIOSK_FILTER = { kind: 'assignmentFilter', type: 'assignmentFilter', sourceId: 's-filter-kiosk', sourceName: 'Kiosk Devices' } as const;

/** Staging holds the "Kiosk Devices" filter and a policy assigned to Pilot users through it; Production has neither. */
function staging(opts: { twinFilters?: boolean; retailTag?: boolean } = {}) {
  const builder = snapshot(SOURCE_TENANT)
    .group('s-pilot', 'Pilot users')
    .scopeTag('2', 'Retail Stores')
    .assignmentFilter('s-filter-kiosk', 'Kiosk Devices')
    .subject('assignmentFilter', 'Kiosk Devices', { displayName: 'Kiosk Devices', platform: 'windows10AndLater', rule: '(device.model -eq "Kiosk")' }, { id: 's-filter-kiosk', kindKey: 'assignmentFilter:windows10AndLater:devices' })
    .deviceConfiguration('Kiosk Restrictions', { cameraBlocked: true }, {
      assignments: [includeGroup('s-pilot', { filterId: 's-filter-kiosk' })],
      ...(opts.retailTag ? { scopeTags: ['2'] } : {}),
    });
  if (opts.twinFilters) builder.subject('assignmentFilter', 'Kiosk Devices', { displayName: 'Kiosk Devices', platform: 'windows10AndLater', rule: 'x' }, { id: 's-filter-kiosk-2' });
  return builder.build();
}
const production = () => snapshot(TARGET_TENANT).group('t-pilot', 'Pilot users').build();

const preflightOf = (source = staging(), opts: PairOptions = {}) =>
  comparePair(source, production(), { includeAssignments: true, typesInScope: TYPES, ...opts }).preflight;
const itemNamed = (preflight: ReturnType<typeof preflightOf>, type: SubjectTypeKey, name: string) =>
  preflight.items.find((i) => i.type === type && i.displayName === name)!;

describe('preflight: a reference the same run creates first', () => {
  it('a policy whose only missing reference is a filter ready to be created is ready, depending on it', () => {
    const preflight = preflightOf();
    expect(itemNamed(preflight, 'assignmentFilter', 'Kiosk Devices')).toMatchObject({ outcome: 'ready', action: 'create' });
    const policy = itemNamed(preflight, 'deviceConfiguration', 'Kiosk Restrictions');
    expect(policy).toMatchObject({ outcome: 'ready', action: 'create', referenceMap: { 's-pilot': 't-pilot' }, dependsOn: [KIOSK_FILTER] });
    expect(policy.gaps).toBeUndefined();
    expect(preflight.counts).toMatchObject({ ready: 2, manualMapping: 0, blocked: 0 });
  });

  it('reads on the card as the subject that uses the filter created first in this run', () => {
    const policy = itemNamed(preflightOf(), 'deviceConfiguration', 'Kiosk Restrictions');
    expect(createdFirstText(policy.dependsOn!)).toBe('uses assignment filter "Kiosk Devices", created first in this run');
  });

  it('the export says it too, on the policy\'s row', () => {
    const { preview, preflight } = comparePair(staging(), production(), { includeAssignments: true, typesInScope: TYPES });
    expect(exportRows(preview, preflight).find((r) => r.name === 'Kiosk Restrictions')).toMatchObject({
      outcome: 'ready',
      reason: 'uses assignment filter "Kiosk Devices", created first in this run',
    });
  });

  it('a filter that is blocked leaves the policy needing a mapping for it, as before', () => {
    const blocked = preflightOf(staging(), {
      isPromotable: (type) => (type === 'assignmentFilter' ? { promotable: false, reason: 'not promotable here' } : { promotable: true }),
    });
    expect(itemNamed(blocked, 'assignmentFilter', 'Kiosk Devices').outcome).toBe('blocked');
    const policy = itemNamed(blocked, 'deviceConfiguration', 'Kiosk Restrictions');
    expect(policy).toMatchObject({ outcome: 'manual_mapping_required', gaps: [{ kind: 'assignmentFilter', sourceId: 's-filter-kiosk', problem: 'missing_in_target' }] });
    expect(policy.dependsOn).toBeUndefined();
  });

  it('a filter whose name is not unique in the source (blocked) leaves the policy where it was', () => {
    const preflight = preflightOf(staging({ twinFilters: true }));
    expect(itemNamed(preflight, 'deviceConfiguration', 'Kiosk Restrictions').outcome).toBe('manual_mapping_required');
  });

  it('a filter left out of the compare (types) leaves the policy needing a mapping', () => {
    const preflight = preflightOf(staging(), { typesInScope: ['deviceConfiguration'] });
    expect(preflight.items.map((i) => [i.displayName, i.outcome])).toEqual([['Kiosk Restrictions', 'manual_mapping_required']]);
  });

  it('with another reference missing the policy still needs mapping, and reads that the filter is created first once the rest is mapped', () => {
    const policy = itemNamed(preflightOf(staging({ retailTag: true })), 'deviceConfiguration', 'Kiosk Restrictions');
    expect(policy.outcome).toBe('manual_mapping_required');
    expect(policy.gaps?.map((g) => [g.kind, g.problem])).toEqual([
      ['assignmentFilter', 'awaiting_promotion'],
      ['scopeTag', 'missing_in_target'],
    ]);
    expect(mappingGapText(policy.gaps![0]!)).toBe(
      'Assignment filter "Kiosk Devices" is not in the target tenant yet, but it is ready in this preflight: once the other references are mapped, the same run creates it first.',
    );
  });

  it('the other reference mapped by hand, the policy becomes ready with the mapping and the filter created first', () => {
    const mappings = [{ kind: 'scopeTag' as const, sourceId: '2', targetId: '5' }];
    const target = snapshot(TARGET_TENANT).group('t-pilot', 'Pilot users').scopeTag('5', 'Manufacturing').build();
    const { preflight } = comparePair(staging({ retailTag: true }), target, { includeAssignments: true, typesInScope: TYPES, mappings });
    expect(itemNamed(preflight, 'deviceConfiguration', 'Kiosk Restrictions')).toMatchObject({
      outcome: 'ready',
      referenceMap: { 's-pilot': 't-pilot', '2': '5' },
      mappingsUsed: mappings,
      dependsOn: [KIOSK_FILTER],
    });
  });

  it('without assignments the filter is not needed: the policy is ready and depends on nothing', () => {
    const policy = itemNamed(preflightOf(staging(), { includeAssignments: false }), 'deviceConfiguration', 'Kiosk Restrictions');
    expect(policy.outcome).toBe('ready');
    expect(policy.dependsOn).toBeUndefined();
  });

  it('a Conditional Access policy at a named location missing in the target depends on that location', () => {
    const source = snapshot(SOURCE_TENANT)
      .namedLocation('s-loc-hq', 'Contoso HQ')
      .subject('namedLocation', 'Contoso HQ', { '@odata.type': '#microsoft.graph.ipNamedLocation', displayName: 'Contoso HQ', isTrusted: true }, { id: 's-loc-hq' })
      .subject('conditionalAccessPolicy', 'CA - HQ only', { displayName: 'CA - HQ only', conditions: { locations: { includeLocations: ['s-loc-hq'] } } }, {
        references: [{ kind: 'namedLocation', id: 's-loc-hq' }],
      })
      .build();
    const { preflight } = comparePair(source, snapshot(TARGET_TENANT).build(), { typesInScope: TYPES });
    expect(itemNamed(preflight, 'conditionalAccessPolicy', 'CA - HQ only')).toMatchObject({
      outcome: 'ready',
      dependsOn: [{ kind: 'namedLocation', type: 'namedLocation', sourceId: 's-loc-hq', sourceName: 'Contoso HQ' }],
    });
  });

  it('the dependency is part of the fingerprint: the same policy needing a mapping fingerprints differently', () => {
    const ready = preflightOf();
    const manual = preflightOf(staging(), {
      isPromotable: (type) => (type === 'assignmentFilter' ? { promotable: false, reason: 'no' } : { promotable: true }),
    });
    expect(ready.fingerprint).not.toBe(manual.fingerprint);
    expect(preflightOf().fingerprint).toBe(ready.fingerprint);
  });
});
