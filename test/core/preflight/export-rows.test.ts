import { describe, expect, it } from 'vitest';
import { entrySettingDifferences } from '../../../core/compare/setting-differences';
import { exportRows, toCsv } from '../../../core/preflight/export-rows';
import { blockedReasonText } from '../../../core/preflight/reason-text';
import { comparePair, includeGroup, snapshot, SOURCE_TENANT, TARGET_TENANT } from '../../support/inventory-builder';

const source = snapshot(SOURCE_TENANT)
  .group('s-pilot', 'Pilot users')
  .deviceConfiguration('Restrictions', { passwordMinimumLength: 12 })
  .deviceConfiguration('Wi-Fi', {}, { secretPaths: ['psk'] })
  .settingsCatalog('Baseline', {}, { assignments: [includeGroup('s-pilot')] })
  .deviceConfiguration('In Sync', {})
  .build();
const target = snapshot(TARGET_TENANT).deviceConfiguration('In Sync', {}).deviceConfiguration('Legacy', {}).build();

describe('export rows', () => {
  it('lists every compare row with state only when no preflight was generated', () => {
    const { preview } = comparePair(source, target);
    expect(exportRows(preview)).toEqual([
      { type: 'deviceConfiguration', name: 'Restrictions', compareState: 'missing_in_target' },
      { type: 'deviceConfiguration', name: 'Wi-Fi', compareState: 'missing_in_target' },
      { type: 'settingsCatalog', name: 'Baseline', compareState: 'missing_in_target' },
      { type: 'deviceConfiguration', name: 'Legacy', compareState: 'only_in_target' },
      { type: 'deviceConfiguration', name: 'In Sync', compareState: 'in_sync' },
    ]);
  });

  it('adds each decision with its reason or gaps in words', () => {
    const { preview, preflight } = comparePair(source, target, { includeAssignments: true });
    const rows = exportRows(preview, preflight);
    expect(rows.find((r) => r.name === 'Restrictions')).toEqual({
      type: 'deviceConfiguration',
      name: 'Restrictions',
      compareState: 'missing_in_target',
      outcome: 'ready',
    });
    expect(rows.find((r) => r.name === 'Wi-Fi')).toMatchObject({
      outcome: 'blocked',
      reason: `${blockedReasonText('secret_bearing_payload')} Microsoft Graph returns this value only encrypted, so recreate by hand in the target: the value at psk.`,
    });
    expect(rows.find((r) => r.name === 'Baseline')).toMatchObject({
      outcome: 'manual_mapping_required',
      gaps: 'Group "Pilot users" does not exist in the target tenant.',
    });
    expect(rows.find((r) => r.name === 'Legacy')!.reason).toMatch(/only in the target/);
    expect(rows.find((r) => r.name === 'In Sync')!.outcome).toBeUndefined();
  });

  it('follows each subject with one row per differing setting: type, subject, setting path, source and target value', () => {
    const changed = snapshot(TARGET_TENANT).group('t-pilot', 'Pilot users').deviceConfiguration('Restrictions', { passwordMinimumLength: 8 }).build();
    const { preview } = comparePair(source, changed, { includeAssignments: true });
    const rows = exportRows(preview, undefined, (entry) => entrySettingDifferences(entry, source, changed, { includeAssignments: true }));
    expect(rows.filter((r) => r.name === 'Restrictions')).toEqual([
      { type: 'deviceConfiguration', name: 'Restrictions', compareState: 'different' },
      { type: 'deviceConfiguration', name: 'Restrictions', compareState: 'different', setting: 'passwordMinimumLength', sourceValue: '12', targetValue: '8' },
    ]);
    // A subject missing in the target lists what a promotion would create, its assignments by group name.
    expect(rows.filter((r) => r.name === 'Baseline' && r.setting === 'assignments')).toEqual([
      { type: 'settingsCatalog', name: 'Baseline', compareState: 'missing_in_target', setting: 'assignments', sourceValue: 'include group Pilot users' },
    ]);
    expect(rows.filter((r) => r.name === 'Baseline' && r.setting).every((r) => r.sourceValue !== '' && r.targetValue === undefined)).toBe(true);
    expect(toCsv(rows)).toContain('deviceConfiguration,Restrictions,different,,,,passwordMinimumLength,12,8\r\n');
  });
});

describe('CSV export', () => {
  it('writes a header and CRLF-terminated rows, quoting commas, quotes and line breaks', () => {
    const csv = toCsv([
      { type: 'deviceConfiguration', name: 'Wi-Fi, "Corp"', compareState: 'different', reason: 'line one\nline two' },
      { type: 'settingsCatalog', name: 'Plain', compareState: 'in_sync' },
    ]);
    expect(csv).toBe(
      'type,name,compareState,outcome,reason,gaps,setting,sourceValue,targetValue\r\n' +
        'deviceConfiguration,"Wi-Fi, ""Corp""",different,,"line one\nline two",,,,\r\n' +
        'settingsCatalog,Plain,in_sync,,,,,,\r\n',
    );
  });

  it('neutralises names a spreadsheet would run as formulas', () => {
    const names = ['=HYPERLINK("http://x")', '+1', '-2', '@SUM(A1)', 'Safe = name'];
    const csv = toCsv(
      names.map((name) => ({ type: 'deviceConfiguration' as const, name, compareState: 'in_sync' as const })),
    );
    const cells = csv
      .split('\r\n')
      .slice(1, -1)
      .map((line) => line.slice('deviceConfiguration,'.length, line.lastIndexOf(',in_sync')));
    expect(cells).toEqual([`"'=HYPERLINK(""http://x"")"`, "'+1", "'-2", "'@SUM(A1)", 'Safe = name']);
  });
});
