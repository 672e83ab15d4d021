import { describe, expect, it } from 'vitest';
import { buildComparePreview } from '../../../core/compare/build-compare-preview';
import { InvalidInput } from '../../../core/errors';
import { TenantId } from '../../../core/ids';
import { classifyPreflight } from '../../../core/preflight/classify-preflight';
import { emptySnapshot } from '../../../core/preflight/evidence';
import {
  comparePair,
  FIXTURE_NOW,
  includeGroup,
  ONE_DAY_MS,
  selection,
  snapshot,
  SOURCE_TENANT,
  TARGET_TENANT,
} from '../../support/inventory-builder';

const itemNamed = (result: ReturnType<typeof comparePair>, name: string) =>
  result.preflight.items.find((i) => i.displayName === name);

describe('promotion preflight outcomes', () => {
  const source = snapshot(SOURCE_TENANT)
    .scopeTag('7', 'Berlin')
    .settingsCatalog('Defender Baseline', { defender_puaprotection: 'enabled' }, { scopeTags: ['0', '7'] })
    .deviceConfiguration('Windows Restrictions', { passwordMinimumLength: 12 })
    .deviceConfiguration('BitLocker', { encrypt: true })
    .deviceConfiguration('Source Kiosk', {})
    .build();
  const target = snapshot(TARGET_TENANT)
    .scopeTag('31', 'berlin')
    .deviceConfiguration('Windows Restrictions', { passwordMinimumLength: 8 })
    .deviceConfiguration('BitLocker', { encrypt: true })
    .deviceConfiguration('Legacy Kiosk', {})
    .build();
  const result = comparePair(source, target);

  it('marks a policy missing in the target as ready to create, mapping its scope tags by name', () => {
    expect(itemNamed(result, 'Defender Baseline')).toMatchObject({
      outcome: 'ready',
      action: 'create',
      sourceId: 'staging-defender-baseline',
      referenceMap: { '0': '0', '7': '31' },
      mappingsUsed: [],
    });
    expect(itemNamed(result, 'Defender Baseline')!.targetId).toBeUndefined();
  });

  it('marks a differing policy as ready to update the target object it replaces, with both hashes', () => {
    const item = itemNamed(result, 'Windows Restrictions')!;
    expect(item).toMatchObject({ outcome: 'ready', action: 'update', targetId: 'production-windows-restrictions' });
    expect(item.sourceHash).toBe(source.subjects[1]!.contentHash);
    expect(item.targetHash).toBe(target.subjects[0]!.contentHash);
  });

  it('never promotes an in-sync policy, but counts it', () => {
    expect(itemNamed(result, 'BitLocker')).toBeUndefined();
    expect(result.preflight.counts.inSync).toBe(1);
  });

  it('lists a target-only policy as excluded and never touched', () => {
    expect(itemNamed(result, 'Legacy Kiosk')).toBeUndefined();
    expect(result.preflight.excluded).toEqual([
      {
        key: { type: 'deviceConfiguration', displayName: 'Legacy Kiosk' },
        why: expect.stringMatching(/only in the target/),
      },
    ]);
    expect(result.preflight.counts.onlyInTarget).toBe(1);
  });

  it('counts ready, blocked and manual-mapping subjects', () => {
    expect(result.preflight.counts).toEqual({ ready: 3, blocked: 0, manualMapping: 0, inSync: 1, onlyInTarget: 1 });
  });

  it('refuses snapshots of other tenants than the preview names', () => {
    const other = snapshot('fabrikam').build();
    expect(() =>
      classifyPreflight({
        preview: result.preview,
        source,
        target: other,
        now: FIXTURE_NOW,
        freshnessMs: ONE_DAY_MS,
        isPromotable: () => ({ promotable: true }),
      }),
    ).toThrow(InvalidInput);
  });
});

describe('blocked reasons', () => {
  const fresh = () => snapshot(TARGET_TENANT);

  it('blocks everything when the target inventory sync failed', () => {
    const source = snapshot(SOURCE_TENANT).deviceConfiguration('Restrictions', {}).build();
    const target = fresh().staleBecause('Graph answered 503 three times').build();
    expect(comparePair(source, target).preflight.items[0]).toMatchObject({
      outcome: 'blocked',
      blockedReason: 'stale_evidence',
      blockedDetail: 'The last inventory sync of the target tenant failed: Graph answered 503 three times',
    });
  });

  it('blocks when the source inventory is older than the freshness window, and not at exactly the window', () => {
    const source = snapshot(SOURCE_TENANT)
      .deviceConfiguration('Restrictions', {})
      .observedAt(new Date(FIXTURE_NOW.getTime() - ONE_DAY_MS - 1))
      .build();
    const atLimit = { ...source, observedAt: new Date(FIXTURE_NOW.getTime() - ONE_DAY_MS) };
    const target = fresh().build();
    expect(comparePair(source, target).preflight.items[0]).toMatchObject({ blockedReason: 'stale_evidence' });
    expect(comparePair(atLimit, target).preflight.items[0]).toMatchObject({ outcome: 'ready' });
  });

  it('blocks with missing evidence when the target was never inventoried', () => {
    const source = snapshot(SOURCE_TENANT).deviceConfiguration('Restrictions', {}).build();
    const target = emptySnapshot(source.workspaceId, TenantId(TARGET_TENANT));
    expect(comparePair(source, target).preflight.items[0]).toMatchObject({
      blockedReason: 'missing_evidence',
      blockedDetail: 'The target tenant has never been inventoried.',
    });
  });

  it('blocks a name used twice in the source instead of picking the first match', () => {
    const source = snapshot(SOURCE_TENANT)
      .deviceConfiguration('Kiosk', { a: 1 })
      .deviceConfiguration('Kiosk', { a: 2 })
      .build();
    const item = comparePair(source, fresh().build()).preflight.items[0]!;
    expect(item).toMatchObject({ outcome: 'blocked', blockedReason: 'duplicate_name_in_source', action: 'create' });
    expect(item.blockedDetail).toBe(
      '2 subjects named "Kiosk" exist in the source tenant (ids staging-kiosk, staging-kiosk~2).',
    );
  });

  it('blocks a name used twice in the target instead of updating one of them', () => {
    const source = snapshot(SOURCE_TENANT).deviceConfiguration('Kiosk', { a: 1 }).build();
    const target = fresh().deviceConfiguration('Kiosk', { a: 2 }).deviceConfiguration('kiosk', { a: 3 }).build();
    const item = comparePair(source, target).preflight.items[0]!;
    expect(item).toMatchObject({ outcome: 'blocked', blockedReason: 'duplicate_name_in_target', action: 'update' });
    expect(item.targetId).toBeUndefined();
  });

  it('excludes a name duplicated only in the target when the source has no such subject', () => {
    const source = snapshot(SOURCE_TENANT).build();
    const target = fresh().deviceConfiguration('Kiosk', {}).deviceConfiguration('Kiosk', {}).build();
    const { preflight } = comparePair(source, target);
    expect(preflight.items).toEqual([]);
    expect(preflight.excluded[0]!.why).toMatch(/only in the target tenant; nothing to promote/);
  });

  it('blocks a type the registry cannot promote, showing the registry reason', () => {
    const source = snapshot(SOURCE_TENANT).deviceConfiguration('Restrictions', {}).build();
    const result = comparePair(source, fresh().build(), {
      isPromotable: (type) =>
        type === 'deviceConfiguration'
          ? { promotable: false, reason: 'Read-only in this release.' }
          : { promotable: true },
    });
    expect(result.preflight.items[0]).toMatchObject({
      blockedReason: 'type_not_promotable',
      blockedDetail: 'Read-only in this release.',
    });
  });

  it('blocks an update of a same-named subject of another kind', () => {
    const source = snapshot(SOURCE_TENANT).deviceConfiguration('Restrictions', {}).build();
    const target = fresh()
      .deviceConfiguration('Restrictions', {}, { odataType: '#microsoft.graph.iosGeneralDeviceConfiguration' })
      .build();
    expect(comparePair(source, target).preflight.items[0]).toMatchObject({
      blockedReason: 'identity_conflict',
      blockedDetail:
        'Source kind is #microsoft.graph.windows10GeneralConfiguration; target kind is #microsoft.graph.iosGeneralDeviceConfiguration.',
    });
  });

  it('blocks a payload with secrets Graph does not return, listing where they are', () => {
    const source = snapshot(SOURCE_TENANT)
      .deviceConfiguration('Wi-Fi', {}, { secretPaths: ['wifiSecurity.preSharedKey', 'certificate.password'] })
      .build();
    expect(comparePair(source, fresh().build()).preflight.items[0]).toMatchObject({
      blockedReason: 'secret_bearing_payload',
      blockedDetail:
        'Microsoft Graph returns these values only encrypted, so recreate by hand in the target: the value at certificate.password; the value at wifiSecurity.preSharedKey.',
    });
  });

  it('names an encrypted OMA-URI setting by its name and URI, so the operator knows what to recreate', () => {
    const omaSettings = [
      { '@odata.type': '#microsoft.graph.omaSettingInteger', displayName: 'Always On', omaUri: './Device/Vendor/MSFT/VPNv2/Tunnel/AlwaysOn', value: 1 },
      { '@odata.type': '#microsoft.graph.omaSettingString', displayName: 'VPN profile XML', omaUri: './Device/Vendor/MSFT/VPNv2/Tunnel/ProfileXML', isEncrypted: true, value: '[secret value not kept]' },
    ];
    const source = snapshot(SOURCE_TENANT).deviceConfiguration('VPN', { omaSettings }, { secretPaths: ['omaSettings[1].value'] }).build();
    expect(comparePair(source, fresh().build()).preflight.items[0]?.blockedDetail).toBe(
      'Microsoft Graph returns this value only encrypted, so recreate by hand in the target: the OMA-URI setting "VPN profile XML" (./Device/Vendor/MSFT/VPNv2/Tunnel/ProfileXML).',
    );
  });
});

describe('blocked reason precedence', () => {
  const notPromotable = () => ({ promotable: false as const, reason: 'Not promotable.' });
  const source = snapshot(SOURCE_TENANT)
    .deviceConfiguration('Wi-Fi', {}, { secretPaths: ['psk'], references: [{ kind: 'group', id: 'g-missing' }] })
    .deviceConfiguration('Wi-Fi', {}, { secretPaths: ['psk'] })
    .deviceConfiguration('Profile', {}, { secretPaths: ['psk'], references: [{ kind: 'group', id: 'g-missing' }] })
    .build();
  const target = snapshot(TARGET_TENANT)
    .deviceConfiguration('Profile', {}, { odataType: '#microsoft.graph.macOSGeneralDeviceConfiguration' })
    .build();
  const reasons = (r: ReturnType<typeof comparePair>) => r.preflight.items.map((i) => [i.displayName, i.blockedReason]);

  it('shows stale evidence before any other reason', () => {
    expect(
      reasons(comparePair(source, { ...target, staleReason: 'sync failed' }, { isPromotable: notPromotable })),
    ).toEqual([
      ['Profile', 'stale_evidence'],
      ['Wi-Fi', 'stale_evidence'],
    ]);
  });

  it('shows duplicate names before an unpromotable type, and an unpromotable type before an identity conflict', () => {
    expect(reasons(comparePair(source, target, { isPromotable: notPromotable }))).toEqual([
      ['Profile', 'type_not_promotable'],
      ['Wi-Fi', 'duplicate_name_in_source'],
    ]);
  });

  it('shows an identity conflict before secrets, and secrets before mapping gaps', () => {
    const single = { ...source, subjects: source.subjects.filter((s) => s.graphId !== 'staging-wi-fi~2') };
    expect(reasons(comparePair(single, target))).toEqual([
      ['Profile', 'identity_conflict'],
      ['Wi-Fi', 'secret_bearing_payload'],
    ]);
  });
});

describe('preflight order', () => {
  it('lists ready first, then manual mapping, then blocked, each by type and name', () => {
    const source = snapshot(SOURCE_TENANT)
      .deviceConfiguration('Zulu', {}, { secretPaths: ['x'] })
      .deviceConfiguration('Alpha', {}, { secretPaths: ['x'] })
      .settingsCatalog('Mapped', {}, { assignments: [includeGroup('g-missing')] })
      .settingsCatalog('Ready B', {})
      .deviceConfiguration('Ready A', {})
      .build();
    const { preflight } = comparePair(source, snapshot(TARGET_TENANT).build(), { includeAssignments: true });
    expect(preflight.items.map((i) => [i.outcome, i.displayName])).toEqual([
      ['ready', 'Ready A'],
      ['ready', 'Ready B'],
      ['manual_mapping_required', 'Mapped'],
      ['blocked', 'Alpha'],
      ['blocked', 'Zulu'],
    ]);
  });

  it('gives the same preflight whatever the order of the inventory', () => {
    const source = snapshot(SOURCE_TENANT)
      .group('g1', 'Pilot')
      .settingsCatalog('B', {}, { assignments: [includeGroup('g1')] })
      .deviceConfiguration('A', {})
      .build();
    const target = snapshot(TARGET_TENANT).group('t1', 'Pilot').group('t2', 'Other').build();
    const reversed = (s: typeof source) => ({
      ...s,
      subjects: [...s.subjects].reverse(),
      referenceObjects: [...s.referenceObjects].reverse(),
    });
    const preview = buildComparePreview({
      selection: selection({ includeAssignments: true }),
      source,
      target,
      typesInScope: ['settingsCatalog', 'deviceConfiguration'],
    });
    const args = { now: FIXTURE_NOW, freshnessMs: ONE_DAY_MS, isPromotable: () => ({ promotable: true as const }) };
    const a = classifyPreflight({ preview, source, target, ...args });
    const b = classifyPreflight({ preview, source: reversed(source), target: reversed(target), ...args });
    expect(b).toEqual(a);
  });
});
