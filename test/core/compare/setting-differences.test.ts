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
  it('names a differing settings catalog setting by its definition id and shows just the chosen option', () => {
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
        path: `settings[${ARCHIVE}].settingInstance.choiceSettingValue.value`,
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

  it('reports a setting present on one side only with no value on the other', () => {
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
    const diffs = settingDifferences(source, target, { includeAssignments: false });
    expect(diffs.map((d) => d.path)).toEqual([
      `settings[${PUA}].@odata.type`,
      `settings[${PUA}].settingInstance.@odata.type`,
      `settings[${PUA}].settingInstance.choiceSettingValue.children`,
      `settings[${PUA}].settingInstance.choiceSettingValue.value`,
      `settings[${PUA}].settingInstance.settingDefinitionId`,
    ]);
    expect(diffs.every((d) => d.targetValue === undefined && d.sourceValue !== undefined)).toBe(true);
  });

  it('compares plain properties and arrays by index, sorted by path, values as text', () => {
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
      { path: 'blockedApps[1]', sourceValue: 'b', targetValue: 'c' },
      { path: 'cameraBlocked', sourceValue: 'true', targetValue: 'null' },
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
      { path: 'rules', sourceValue: '[]', targetValue: undefined },
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

  it('reports differing assignments as one summarised row when included', () => {
    expect(settingDifferences(source, target, { includeAssignments: true, maxValueLength: 200 })).toEqual([
      {
        path: 'assignments',
        sourceValue: '2 assignments: exclude group g-vip, include group g-pilot',
        targetValue: '1 assignment: all users',
      },
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
    expect(diff!.targetValue).toBe('1 assignment: all users (filter include f-corp)');
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
      {
        path: 'settings[firewall_enable].settingInstance.choiceSettingValue.children[fw_in].choiceSettingValue.value',
        sourceValue: 'block',
        targetValue: 'allow',
      },
    ]);
  });
});

describe('counting setting differences', () => {
  it('counts exactly the rows the details card would show, assignments aside', () => {
    const source = { payload: { a: 1, b: { c: 'x', d: [] }, e: [1, 2], f: {} }, assignments: [] } as never;
    const target = { payload: { a: 1, b: { c: 'y', d: [] }, e: [1], g: true, f: {} }, assignments: [] } as never;
    const rows = settingDifferences(source, target, { includeAssignments: false });
    expect(rows.map((r) => r.path)).toEqual(['b.c', 'e[1]', 'g']);
    expect(countSettingDifferences(source, target)).toBe(rows.length);
  });
});
