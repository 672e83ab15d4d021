import { describe, expect, it } from 'vitest';
import { countSettingDifferences, settingDifferences } from '../../../core/compare/setting-differences';
import type { InventorySnapshot } from '../../../core/inventory/model';
import {
  allUsers,
  excludeGroup,
  includeGroup,
  snapshot,
  SOURCE_TENANT,
  TARGET_TENANT,
} from '../../support/inventory-builder';

const ARCHIVE = 'device_vendor_msft_policy_config_defender_allowarchivescanning';
const PUA = 'device_vendor_msft_policy_config_defender_puaprotection';
const only = (s: InventorySnapshot) => s.subjects[0]!;

describe('setting differences', () => {
  it('names a differing settings catalog setting by its definition id, without the vendor prefix, and shows just the chosen option', () => {
    const source = only(
      snapshot(SOURCE_TENANT)
        .settingsCatalog('Defender', { [ARCHIVE]: 'allowed', [PUA]: 'enabled' })
        .build(),
    );
    const target = only(
      snapshot(TARGET_TENANT)
        .settingsCatalog('Defender', { [PUA]: 'enabled', [ARCHIVE]: 'notallowed' })
        .build(),
    );
    expect(settingDifferences(source, target, { includeAssignments: false })).toEqual([
      {
        path: 'defender_allowarchivescanning',
        sourceValue: 'allowed',
        targetValue: 'notallowed',
      },
    ]);
  });

  it('finds no difference when the same settings are merely listed in another order', () => {
    const source = only(
      snapshot(SOURCE_TENANT)
        .settingsCatalog('Defender', { [ARCHIVE]: 'allowed', [PUA]: 'enabled' })
        .build(),
    );
    const target = only(
      snapshot(TARGET_TENANT)
        .settingsCatalog('Defender', { [PUA]: 'enabled', [ARCHIVE]: 'allowed' })
        .build(),
    );
    expect(settingDifferences(source, target, { includeAssignments: false })).toEqual([]);
  });

  it('reports a setting present on one side only as one setting, with no value on the other and none of its plumbing', () => {
    const source = only(
      snapshot(SOURCE_TENANT)
        .settingsCatalog('Defender', { [ARCHIVE]: 'allowed', [PUA]: 'enabled' })
        .build(),
    );
    const target = only(
      snapshot(TARGET_TENANT)
        .settingsCatalog('Defender', { [ARCHIVE]: 'allowed' })
        .build(),
    );
    expect(settingDifferences(source, target, { includeAssignments: false })).toEqual([
      { path: 'defender_puaprotection', sourceValue: 'enabled', targetValue: undefined },
    ]);
    expect(countSettingDifferences(source, target)).toBe(1);
  });

  it('compares plain properties, a list of plain values as one setting, sorted by path, values as text', () => {
    const source = only(
      snapshot(SOURCE_TENANT)
        .deviceConfiguration('R', { passwordMinimumLength: 12, blockedApps: ['a', 'b'], cameraBlocked: true })
        .build(),
    );
    const target = only(
      snapshot(TARGET_TENANT)
        .deviceConfiguration('R', { passwordMinimumLength: 8, blockedApps: ['a', 'c'], cameraBlocked: null })
        .build(),
    );
    expect(settingDifferences(source, target, { includeAssignments: false })).toEqual([
      { path: 'blockedApps', sourceValue: 'a, b', targetValue: 'a, c' },
      { path: 'cameraBlocked', sourceValue: 'true', targetValue: 'not configured' },
      { path: 'passwordMinimumLength', sourceValue: '12', targetValue: '8' },
    ]);
  });

  it('treats a number and the same digits as text as different values', () => {
    const source = only(snapshot(SOURCE_TENANT).deviceConfiguration('R', { pin: 4 }).build());
    const target = only(snapshot(TARGET_TENANT).deviceConfiguration('R', { pin: '4' }).build());
    expect(settingDifferences(source, target, { includeAssignments: false })).toHaveLength(1);
  });

  it('shortens long values to 60 characters ending in an ellipsis, or to the length asked for', () => {
    const long = 'x'.repeat(200);
    const source = only(snapshot(SOURCE_TENANT).deviceConfiguration('R', { banner: long }).build());
    const target = only(snapshot(TARGET_TENANT).deviceConfiguration('R', { banner: 'short' }).build());
    const [diff] = settingDifferences(source, target, { includeAssignments: false });
    expect(diff!.sourceValue).toBe(`${'x'.repeat(59)}…`);
    expect(diff!.targetValue).toBe('short');
    const [tight] = settingDifferences(source, target, { includeAssignments: false, maxValueLength: 10 });
    expect(tight!.sourceValue).toHaveLength(10);
  });

  it('shows a nested object or empty list as a short value, never the whole payload', () => {
    const source = only(snapshot(SOURCE_TENANT).deviceConfiguration('R', { rules: [] }).build());
    const target = only(
      snapshot(TARGET_TENANT)
        .deviceConfiguration('R', { rules: [{ name: 'r1' }] })
        .build(),
    );
    expect(settingDifferences(source, target, { includeAssignments: false })).toEqual([
      { path: 'rules[0].name', sourceValue: undefined, targetValue: 'r1' },
    ]);
  });
});

describe('assignment differences', () => {
  const source = only(
    snapshot(SOURCE_TENANT)
      .deviceConfiguration('R', {}, { assignments: [includeGroup('g-pilot'), excludeGroup('g-vip')] })
      .build(),
  );
  const target = only(
    snapshot(TARGET_TENANT)
      .deviceConfiguration('R', {}, { assignments: [allUsers()] })
      .build(),
  );

  it('names each added or removed assignment, with group names where the snapshot knows them', () => {
    const names = { source: new Map([['g-pilot', 'Intune - Pilot Devices']]), target: new Map<string, string>() };
    expect(settingDifferences(source, target, { includeAssignments: true, maxValueLength: 200, names })).toEqual([
      { path: 'assignments', sourceValue: 'exclude group g-vip', targetValue: undefined },
      { path: 'assignments', sourceValue: 'include group Intune - Pilot Devices', targetValue: undefined },
      { path: 'assignments', sourceValue: undefined, targetValue: 'include all users' },
    ]);
  });

  it('matches assignments across tenants by name, not id, so only the one really missing is listed', () => {
    const inSource = only(snapshot(SOURCE_TENANT).deviceConfiguration('R', {}, { assignments: [includeGroup('s-pilot'), includeGroup('s-fin')] }).build());
    const inTarget = only(snapshot(TARGET_TENANT).deviceConfiguration('R', {}, { assignments: [includeGroup('t-pilot')] }).build());
    const names = { source: new Map([['s-pilot', 'Pilot'], ['s-fin', 'Finance Laptops']]), target: new Map([['t-pilot', 'Pilot']]) };
    expect(settingDifferences(inSource, inTarget, { includeAssignments: true, names })).toEqual([
      { path: 'assignments', sourceValue: 'include group Finance Laptops', targetValue: undefined },
    ]);
  });

  it('leaves assignments out when they are not included', () => {
    expect(settingDifferences(source, target, { includeAssignments: false })).toEqual([]);
  });

  it('mentions an assignment filter in the summary', () => {
    const filtered = only(
      snapshot(TARGET_TENANT)
        .deviceConfiguration('R', {}, { assignments: [allUsers({ filterId: 'f-corp' })] })
        .build(),
    );
    const [diff] = settingDifferences(source, filtered, { includeAssignments: true, maxValueLength: 200 });
    const names = { source: new Map<string, string>(), target: new Map([['f-corp', 'Windows 11 Corporate']]) };
    const rows = settingDifferences(source, filtered, { includeAssignments: true, maxValueLength: 200, names });
    expect(diff!.path).toBe('assignments');
    expect(rows.map((r) => r.targetValue).filter(Boolean)).toEqual(['include all users, filter Windows 11 Corporate (include)']);
  });
});

describe('nested settings catalog children', () => {
  it('keys child settings by their definition id too, so reordered children are not a difference', () => {
    const child = (id: string, v: string) => ({
      '@odata.type': '#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance',
      settingDefinitionId: id,
      choiceSettingValue: { value: `${id}_${v}`, children: [] },
    });
    const parent = (children: unknown[]) => ({
      settings: [
        {
          settingInstance: {
            settingDefinitionId: 'firewall_enable',
            choiceSettingValue: { value: 'firewall_enable_true', children },
          },
        },
      ],
    });
    const source = only(
      snapshot(SOURCE_TENANT)
        .subject('settingsCatalog', 'FW', parent([child('fw_in', 'block'), child('fw_out', 'allow')]))
        .build(),
    );
    const same = only(
      snapshot(TARGET_TENANT)
        .subject('settingsCatalog', 'FW', parent([child('fw_out', 'allow'), child('fw_in', 'block')]))
        .build(),
    );
    const other = only(
      snapshot(TARGET_TENANT)
        .subject('settingsCatalog', 'FW', parent([child('fw_out', 'allow'), child('fw_in', 'allow')]))
        .build(),
    );
    expect(settingDifferences(source, same, { includeAssignments: false })).toEqual([]);
    expect(settingDifferences(source, other, { includeAssignments: false })).toEqual([
      { path: 'firewall_enable › fw_in', sourceValue: 'block', targetValue: 'allow' },
    ]);
  });
});

describe('counting setting differences', () => {
  it('counts exactly the rows the details card would show, assignments aside', () => {
    const source = { payload: { a: 1, b: { c: 'x', d: [] }, e: [1, 2], f: {} }, assignments: [] } as never;
    const target = { payload: { a: 1, b: { c: 'y', d: [] }, e: [1], g: true, f: {} }, assignments: [] } as never;
    const rows = settingDifferences(source, target, { includeAssignments: false });
    expect(rows.map((r) => r.path)).toEqual(['b.c', 'e', 'g']);
    expect(countSettingDifferences(source, target)).toBe(rows.length);
  });
});

describe('settings as an operator counts them', () => {
  const ASR = 'device_vendor_msft_policy_config_defender_attacksurfacereductionrules';
  const rule = (name: string, value: string) => ({
    '@odata.type': '#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance',
    settingDefinitionId: `${ASR}_${name}`,
    settingInstanceTemplateReference: null,
    choiceSettingValue: { settingValueTemplateReference: null, value: `${ASR}_${name}_${value}`, children: [] },
  });
  const asr = (rules: unknown[]) => ({
    settings: [{ settingInstance: { '@odata.type': '#microsoft.graph.deviceManagementConfigurationGroupSettingCollectionInstance', settingDefinitionId: ASR, groupSettingCollectionValue: [{ children: rules }] } }],
  });

  it('names a changed rule after its parent with the part that tells two rules apart, never cut', () => {
    const source = only(snapshot(SOURCE_TENANT).subject('settingsCatalog', 'ASR', asr([rule('blockexecutablecontentfromemailclient', 'block'), rule('blockofficecommunicationappfromcreatingchildprocesses', 'block')])).build());
    const target = only(snapshot(TARGET_TENANT).subject('settingsCatalog', 'ASR', asr([rule('blockexecutablecontentfromemailclient', 'audit'), rule('blockofficecommunicationappfromcreatingchildprocesses', 'block')])).build());
    expect(settingDifferences(source, target, { includeAssignments: false })).toEqual([
      { path: 'defender_attacksurfacereductionrules › blockexecutablecontentfromemailclient', sourceValue: 'block', targetValue: 'audit' },
    ]);
  });

  it('counts an added setting with its children as one setting, and a whole added group as one', () => {
    const source = only(snapshot(SOURCE_TENANT).subject('settingsCatalog', 'ASR', asr([rule('a', 'block'), rule('b', 'block')])).build());
    const empty = only(snapshot(TARGET_TENANT).subject('settingsCatalog', 'ASR', { settings: [] }).build());
    expect(settingDifferences(source, empty, { includeAssignments: false })).toEqual([
      { path: 'defender_attacksurfacereductionrules', sourceValue: '2 child settings', targetValue: undefined },
    ]);
    expect(countSettingDifferences(source, empty)).toBe(1);
  });

  it('leaves out settings that mean "not configured" on both sides (absent, null, notConfigured)', () => {
    const source = only(snapshot(SOURCE_TENANT).deviceConfiguration('R', { a: null, b: 'notConfigured', c: 'notConfigured', d: 1 }).build());
    const target = only(snapshot(TARGET_TENANT).deviceConfiguration('R', { b: null, c: 'notConfigured', d: 2 }).build());
    expect(settingDifferences(source, target, { includeAssignments: false }).map((r) => r.path)).toEqual(['d']);
  });

  it('shows referenced ids by the names the snapshots know', () => {
    const source = only(snapshot(SOURCE_TENANT).deviceConfiguration('CA', { excludeGroups: ['3143db2c-0000-4000-8000-000000000001'] }).build());
    const target = only(snapshot(TARGET_TENANT).deviceConfiguration('CA', { excludeGroups: [] }).build());
    const names = { source: new Map([['3143db2c-0000-4000-8000-000000000001', 'CA - Break Glass Accounts']]), target: new Map<string, string>() };
    expect(settingDifferences(source, target, { includeAssignments: false, names })).toEqual([
      { path: 'excludeGroups', sourceValue: 'CA - Break Glass Accounts', targetValue: 'not configured' },
    ]);
  });
});
