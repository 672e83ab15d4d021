import { describe, expect, it } from 'vitest';
import { planFromPreflight } from '../../../core/promotion/plan';
import { comparePair, includeGroup, snapshot, SOURCE_TENANT, TARGET_TENANT } from '../../support/inventory-builder';

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
