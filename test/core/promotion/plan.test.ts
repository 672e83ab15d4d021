import { describe, expect, it } from 'vitest';
import { planFromPreflight } from '../../../core/promotion/plan';
import { comparePair, includeGroup, snapshot, SOURCE_TENANT, TARGET_TENANT } from '../../support/inventory-builder';
import type { SubjectTypeKey } from '../../../core/subjects/subject-type';

describe('promotion plan', () => {
  const source = snapshot(SOURCE_TENANT)
    .scopeTag('7', 'Berlin')
    .group('s-pilot', 'Pilot users')
    .deviceConfiguration('Restrictions', { passwordMinimumLength: 12 }, { scopeTags: ['7'] })
    .deviceConfiguration('New Profile', {})
    .deviceConfiguration('Wi-Fi', {}, { secretPaths: ['psk'] })
    .settingsCatalog('Baseline', {}, { assignments: [includeGroup('s-pilot')] })
    .deviceConfiguration('In Sync', {})
    .build();
  const target = snapshot(TARGET_TENANT)
    .scopeTag('12', 'Berlin')
    .deviceConfiguration('Restrictions', { passwordMinimumLength: 8 }, { scopeTags: ['12'] })
    .deviceConfiguration('In Sync', {})
    .deviceConfiguration('Legacy', {})
    .build();
  const { preflight } = comparePair(source, target, { includeAssignments: true });
  const plan = planFromPreflight(preflight);

  it('contains only the ready subjects, with what to create and what to update', () => {
    expect(plan.items.map((i) => [i.displayName, i.action])).toEqual([
      ['New Profile', 'create'],
      ['Restrictions', 'update'],
    ]);
  });

  it('carries the target object, both hashes and the reference map of an update', () => {
    const update = plan.items.find((i) => i.action === 'update')!;
    const item = preflight.items.find((i) => i.displayName === 'Restrictions')!;
    expect(update).toEqual({
      type: 'deviceConfiguration',
      displayName: 'Restrictions',
      action: 'update',
      sourceId: 'staging-restrictions',
      targetId: 'production-restrictions',
      sourceHash: item.sourceHash,
      targetHash: item.targetHash,
      referenceMap: { '7': '12' },
    });
  });

  it('never includes blocked, manual-mapping, in-sync or target-only subjects', () => {
    const names = plan.items.map((i) => i.displayName);
    for (const name of ['Wi-Fi', 'Baseline', 'In Sync', 'Legacy']) expect(names).not.toContain(name);
    expect(preflight.counts).toMatchObject({ blocked: 1, manualMapping: 1, inSync: 1, onlyInTarget: 1 });
  });

  it('is stamped with the preflight fingerprint, tenants and assignment choice', () => {
    expect(plan).toMatchObject({
      fingerprint: preflight.fingerprint,
      sourceTenantId: SOURCE_TENANT,
      targetTenantId: TARGET_TENANT,
      includeAssignments: true,
    });
  });

  it('is empty when nothing is ready', () => {
    const blocked = comparePair(source, { ...target, staleReason: 'sync failed' }).preflight;
    expect(planFromPreflight(blocked).items).toEqual([]);
  });
});

describe('promotion plan order: what is referenced is written before what references it', () => {
  const TYPES: SubjectTypeKey[] = ['assignmentFilter', 'conditionalAccessPolicy', 'deviceConfiguration', 'namedLocation'];
  // Conditional Access sorts before named locations in the preflight, so the plan must move the location up.
  const source = snapshot(SOURCE_TENANT)
    .group('s-pilot', 'Pilot users')
    .namedLocation('s-loc-hq', 'Contoso HQ')
    .subject('conditionalAccessPolicy', 'CA - HQ only', { displayName: 'CA - HQ only', conditions: { locations: { includeLocations: ['s-loc-hq'] } } }, {
      references: [{ kind: 'namedLocation', id: 's-loc-hq' }],
    })
    .subject('namedLocation', 'Contoso HQ', { '@odata.type': '#microsoft.graph.ipNamedLocation', displayName: 'Contoso HQ' }, { id: 's-loc-hq' })
    .assignmentFilter('s-filter-kiosk', 'Kiosk Devices')
    .subject('assignmentFilter', 'Kiosk Devices', { displayName: 'Kiosk Devices', rule: 'x' }, { id: 's-filter-kiosk' })
    .deviceConfiguration('Kiosk Restrictions', {}, { assignments: [includeGroup('s-pilot', { filterId: 's-filter-kiosk' })] })
    .deviceConfiguration('Camera', { cameraBlocked: true })
    .build();
  const target = snapshot(TARGET_TENANT).group('t-pilot', 'Pilot users').build();
  const { preflight } = comparePair(source, target, { includeAssignments: true, typesInScope: TYPES });
  const plan = planFromPreflight(preflight);
  const position = (name: string) => plan.items.findIndex((i) => i.displayName === name);

  it('places each created reference before the subjects that use it, and keeps preflight order otherwise', () => {
    expect(preflight.items.map((i) => i.displayName)).toEqual(['Kiosk Devices', 'CA - HQ only', 'Camera', 'Kiosk Restrictions', 'Contoso HQ']);
    expect(plan.items.map((i) => i.displayName)).toEqual(['Kiosk Devices', 'Contoso HQ', 'CA - HQ only', 'Camera', 'Kiosk Restrictions']);
  });

  it('names each dependency by its index in the plan, kind, source id and name', () => {
    expect(plan.items[position('CA - HQ only')]!.dependsOn).toEqual([{ index: position('Contoso HQ'), kind: 'namedLocation', sourceId: 's-loc-hq', displayName: 'Contoso HQ' }]);
    expect(plan.items[position('Kiosk Restrictions')]).toMatchObject({
      referenceMap: { 's-pilot': 't-pilot' },
      dependsOn: [{ index: position('Kiosk Devices'), kind: 'assignmentFilter', sourceId: 's-filter-kiosk', displayName: 'Kiosk Devices' }],
    });
    for (const [index, item] of plan.items.entries()) for (const d of item.dependsOn ?? []) expect(d.index).toBeLessThan(index);
    expect(plan.items[position('Camera')]!.dependsOn).toBeUndefined();
  });
});
