import { describe, expect, it } from 'vitest';
import { buildComparePreview } from '../../../core/compare/build-compare-preview';
import { entryDifferenceCount } from '../../../core/compare/setting-differences';
import type { InventorySnapshot } from '../../../core/inventory/model';
import type { SubjectTypeKey } from '../../../core/subjects/subject-type';
import { includeGroup, selection, snapshot, SOURCE_TENANT, TARGET_TENANT } from '../../support/inventory-builder';

const ALL_TYPES: SubjectTypeKey[] = ['settingsCatalog', 'deviceConfiguration', 'compliancePolicy'];

function preview(source: InventorySnapshot, target: InventorySnapshot, includeAssignments = false, types = ALL_TYPES) {
  return buildComparePreview({ selection: selection({ includeAssignments }), source, target, typesInScope: types });
}

function stateOf(result: ReturnType<typeof preview>, name: string) {
  return result.entries.find((e) => e.displayName === name);
}

describe('compare preview states', () => {
  const source = snapshot(SOURCE_TENANT)
    .settingsCatalog('Defender Baseline', { defender_allowarchivescanning: 1, defender_puaprotection: 'enabled' })
    .settingsCatalog('BitLocker', { bitlocker_requiredeviceencryption: 1 })
    .deviceConfiguration('Windows Restrictions', { passwordMinimumLength: 12 })
    .compliancePolicy('Windows Compliance', { osMinimumVersion: '10.0.19045' })
    .build();
  const target = snapshot(TARGET_TENANT)
    .settingsCatalog('Defender Baseline', { defender_allowarchivescanning: 0, defender_puaprotection: 'enabled' })
    .settingsCatalog('BitLocker', { bitlocker_requiredeviceencryption: 1 })
    .deviceConfiguration('Legacy Kiosk', { kioskModeAppType: 'singleApp' })
    .build();
  const result = preview(source, target);

  it('shows a policy with equal settings on both sides as in sync', () => {
    expect(stateOf(result, 'BitLocker')).toMatchObject({ state: 'in_sync' });
    expect(entryDifferenceCount(stateOf(result, 'BitLocker')!, source, target)).toBe(0);
  });

  it('shows a policy whose settings differ as different, with the number of differing settings', () => {
    expect(stateOf(result, 'Defender Baseline')).toMatchObject({ state: 'different' });
    expect(entryDifferenceCount(stateOf(result, 'Defender Baseline')!, source, target)).toBe(1);
  });

  it('shows a source policy the target lacks as missing in target', () => {
    expect(stateOf(result, 'Windows Compliance')).toMatchObject({
      state: 'missing_in_target',
      sourceIds: ['staging-windows-compliance'],
      targetIds: [],
    });
  });

  it('shows a policy present only in the target as only in target, spelled as the target spells it', () => {
    expect(stateOf(result, 'Legacy Kiosk')).toMatchObject({
      state: 'only_in_target',
      targetIds: ['production-legacy-kiosk'],
    });
  });

  it('counts every state, including states with no subjects', () => {
    expect(result.counts).toEqual({ in_sync: 1, different: 1, missing_in_target: 2, only_in_target: 1, ambiguous: 0 });
  });

  it('keeps the source and target observation times', () => {
    expect(result.sourceObservedAt).toBe(source.observedAt);
    expect(result.targetObservedAt).toBe(target.observedAt);
  });
});

describe('compare preview identity', () => {
  it('matches names regardless of case, surrounding and repeated whitespace, and shows the source spelling', () => {
    const source = snapshot(SOURCE_TENANT)
      .deviceConfiguration('Windows  Restrictions', { passwordMinimumLength: 12 })
      .build();
    const target = snapshot(TARGET_TENANT)
      .deviceConfiguration(' windows restrictions', { passwordMinimumLength: 8 })
      .build();
    const result = preview(source, target);
    expect(result.entries).toHaveLength(1);
    expect(result.entries[0]).toMatchObject({ displayName: 'Windows  Restrictions', state: 'different' });
  });

  it('does not match same-named subjects of different types', () => {
    const source = snapshot(SOURCE_TENANT).deviceConfiguration('Baseline', {}).build();
    const target = snapshot(TARGET_TENANT).settingsCatalog('Baseline', {}).build();
    expect(preview(source, target).entries.map((e) => e.state)).toEqual(['missing_in_target', 'only_in_target']);
  });

  it('marks a name held by two source subjects as ambiguous in the source, never picking one', () => {
    const source = snapshot(SOURCE_TENANT)
      .deviceConfiguration('Kiosk', { a: 1 })
      .deviceConfiguration('kiosk', { a: 2 })
      .build();
    const target = snapshot(TARGET_TENANT).deviceConfiguration('Kiosk', { a: 1 }).build();
    const [entry] = preview(source, target).entries;
    expect(entry).toMatchObject({ state: 'ambiguous', duplicatedIn: ['source'], targetIds: ['production-kiosk'] });
    expect(entry!.sourceIds).toHaveLength(2);
  });

  it('marks a name held twice on both sides as ambiguous in source and target', () => {
    const source = snapshot(SOURCE_TENANT).deviceConfiguration('Kiosk', {}).deviceConfiguration('Kiosk', {}).build();
    const target = snapshot(TARGET_TENANT).deviceConfiguration('Kiosk', {}).deviceConfiguration('KIOSK', {}).build();
    expect(preview(source, target).entries[0]).toMatchObject({
      state: 'ambiguous',
      duplicatedIn: ['source', 'target'],
    });
  });

  it('reports a same-named subject of another kind as different with an identity conflict', () => {
    const source = snapshot(SOURCE_TENANT).deviceConfiguration('Restrictions', { a: 1 }).build();
    const target = snapshot(TARGET_TENANT)
      .deviceConfiguration('Restrictions', { a: 1 }, { odataType: '#microsoft.graph.iosGeneralDeviceConfiguration' })
      .build();
    expect(preview(source, target).entries[0]).toMatchObject({ state: 'different', identityConflict: true });
  });

  it('leaves out subjects of types outside the selection', () => {
    const source = snapshot(SOURCE_TENANT)
      .deviceConfiguration('Restrictions', {})
      .settingsCatalog('Baseline', {})
      .build();
    const target = snapshot(TARGET_TENANT).build();
    const result = preview(source, target, false, ['settingsCatalog']);
    expect(result.entries.map((e) => e.displayName)).toEqual(['Baseline']);
  });
});

describe('compare preview assignments', () => {
  const source = snapshot(SOURCE_TENANT)
    .settingsCatalog('Baseline', { defender_puaprotection: 'enabled' }, { assignments: [includeGroup('g-pilot')] })
    .build();
  const target = snapshot(TARGET_TENANT).settingsCatalog('Baseline', { defender_puaprotection: 'enabled' }).build();

  it('ignores assignment differences when assignments are not included', () => {
    expect(preview(source, target, false).entries[0]).toMatchObject({ state: 'in_sync' });
  });

  it('reports an assignments-only difference when assignments are included', () => {
    expect(preview(source, target, true).entries[0]).toMatchObject({
      state: 'different',
      assignmentsOnly: true,
    });
    expect(entryDifferenceCount(preview(source, target, true).entries[0]!, source, target)).toBe(0);
  });
});

describe('compare preview order and fingerprint', () => {
  const source = snapshot(SOURCE_TENANT)
    .deviceConfiguration('Zeta', { a: 1 })
    .settingsCatalog('alpha', { x: 1 })
    .settingsCatalog('Beta', { x: 1 })
    .deviceConfiguration('In Sync', {})
    .settingsCatalog('Dup', {})
    .settingsCatalog('Dup', { y: 1 })
    .build();
  const target = snapshot(TARGET_TENANT)
    .deviceConfiguration('Zeta', { a: 2 })
    .settingsCatalog('Gamma', {})
    .deviceConfiguration('In Sync', {})
    .build();

  it('lists attention-needing states first, then by type and case-insensitive name', () => {
    expect(preview(source, target).entries.map((e) => [e.state, e.type, e.displayName])).toEqual([
      ['different', 'deviceConfiguration', 'Zeta'],
      ['missing_in_target', 'settingsCatalog', 'alpha'],
      ['missing_in_target', 'settingsCatalog', 'Beta'],
      ['ambiguous', 'settingsCatalog', 'Dup'],
      ['only_in_target', 'settingsCatalog', 'Gamma'],
      ['in_sync', 'deviceConfiguration', 'In Sync'],
    ]);
  });

  it('gives a deep-equal preview and the same fingerprint whatever the order of the inventory', () => {
    const shuffled = (s: InventorySnapshot) => ({ ...s, subjects: [...s.subjects].reverse() });
    const first = preview(source, target);
    const second = preview(shuffled(source), shuffled(target));
    expect(second).toEqual(first);
    expect(second.fingerprint).toBe(first.fingerprint);
  });

  it('does not change the fingerprint when only the observation time changes', () => {
    const later = { ...target, observedAt: new Date('2026-04-28T00:00:00Z') };
    expect(preview(source, later).fingerprint).toBe(preview(source, target).fingerprint);
  });

  it('does not change the fingerprint when the selection lists the same types in another order', () => {
    const a = buildComparePreview({
      selection: selection({ types: ['settingsCatalog', 'deviceConfiguration'] }),
      source,
      target,
      typesInScope: ALL_TYPES,
    });
    const b = buildComparePreview({
      selection: selection({ types: ['deviceConfiguration', 'settingsCatalog'] }),
      source,
      target,
      typesInScope: ALL_TYPES,
    });
    expect(a.fingerprint).toBe(b.fingerprint);
  });

  it('changes the fingerprint when a target setting changes', () => {
    const changed = snapshot(TARGET_TENANT)
      .deviceConfiguration('Zeta', { a: 3 })
      .settingsCatalog('Gamma', {})
      .deviceConfiguration('In Sync', {})
      .build();
    expect(preview(source, changed).fingerprint).not.toBe(preview(source, target).fingerprint);
  });

  it('changes the fingerprint when a subject moves from one side to the other', () => {
    const swapped = preview(target, source).fingerprint;
    expect(swapped).not.toBe(preview(source, target).fingerprint);
    const moved = snapshot(TARGET_TENANT).deviceConfiguration('Zeta', { a: 2 }).settingsCatalog('Gamma', {}).deviceConfiguration('In Sync', {}).settingsCatalog('alpha', { x: 1 }).build();
    const without = snapshot(SOURCE_TENANT).deviceConfiguration('Zeta', { a: 1 }).settingsCatalog('Beta', { x: 1 }).deviceConfiguration('In Sync', {}).settingsCatalog('Dup', {}).settingsCatalog('Dup', { y: 1 }).build();
    expect(preview(without, moved).fingerprint).not.toBe(preview(source, target).fingerprint);
  });

  it('changes the fingerprint when assignments become part of the compare', () => {
    expect(preview(source, target, true).fingerprint).not.toBe(preview(source, target, false).fingerprint);
  });

  it('changes the fingerprint only with assignments included when just an assignment changes', () => {
    const assigned = snapshot(TARGET_TENANT)
      .deviceConfiguration('Zeta', { a: 2 }, { assignments: [includeGroup('g-all')] })
      .settingsCatalog('Gamma', {})
      .deviceConfiguration('In Sync', {})
      .build();
    expect(preview(source, assigned, false).fingerprint).toBe(preview(source, target, false).fingerprint);
    expect(preview(source, assigned, true).fingerprint).not.toBe(preview(source, target, true).fingerprint);
  });
});
