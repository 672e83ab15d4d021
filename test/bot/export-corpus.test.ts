import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTenantsDir } from '../../core/graph-sandbox/load-tenants-dir';
import { actionsByVerb, cardText, expectValidCard, factValue } from '../support/cards';
import { cardOf, useDemoChat } from '../support/chat';
import { waitForRun } from '../support/running-bot';
import type { GraphJson } from '../../core/subjects/subject-type';

/** The tenant ids the corpus' tenant.json files give. */
const tenantIdOf = (name: 'Northwind Golden' | 'Northwind Production') =>
  name === 'Northwind Golden' ? '5b0e6a8c-3d2f-4a1b-9c8d-7e6f5a4b3c21' : '5b0e6a8c-3d2f-4a1b-9c8d-7e6f5a4b3c22';

const CORPUS = join(import.meta.dirname, '..', 'fixtures', 'exports');
const PAIR = 'compare Northwind Golden to Northwind Production';

interface ExpectedRow {
  type: string;
  name: string;
  compareState: string;
  outcome: string;
}

/** The expected table of the corpus README (worked out from the JSON by hand), so the document and the test cannot drift apart. */
async function expectedRows(): Promise<ExpectedRow[]> {
  const readme = await readFile(join(CORPUS, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Northwind Golden → Northwind Production'));
  return section
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| type') && !line.startsWith('|---'))
    .map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()))
    .map(([type, name, compareState, outcome]) => ({ type: type!, name: name!, compareState: compareState!, outcome: outcome === '—' ? '' : outcome! }));
}

/** RFC 4180 rows of the export (no embedded line breaks in this corpus). */
function csvRows(csv: string): Record<string, string>[] {
  const split = (line: string) => [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].slice(0, -1).map((m) => m[1]!.replace(/^"|"$/g, '').replace(/""/g, '"'));
  const [header, ...lines] = csv.trim().split('\r\n');
  const columns = split(header!);
  return lines.map((line) => Object.fromEntries(split(line).map((value, i) => [columns[i]!, value])));
}

describe('an export in the backup tools\' formats, loaded as sandbox tenants', () => {
  it('keeps duplicates, decodes every encoding and warns once per file it could not use, naming why', async () => {
    const { tenants, warnings, summaries } = await loadTenantsDir(CORPUS);

    expect(summaries.map(({ displayName, files, unusedFiles }) => ({ displayName, files, unusedFiles }))).toEqual([
      { displayName: 'Northwind Golden', files: 28, unusedFiles: 2 },
      { displayName: 'Northwind Production', files: 13, unusedFiles: 0 },
    ]);
    expect(warnings.map((w) => [w.file, w.reason])).toEqual([
      ['Broken/Win - Truncated.json', 'unreadable'],
      ['DeviceConfiguration/Win - Restrictions.json', 'duplicate_id'],
      ['Notes/export-info.json', 'unrecognised'],
    ]);
    expect(warnings[1]!.detail).toContain('also used by DeviceConfiguration/Win - Restrictions Strict.json');
    const configurations = tenants[0]!.objects['deviceManagement/deviceConfigurations']!.map((o) => o.displayName).sort();
    expect(configurations).toEqual(['Win - Restrictions', 'Win - Restrictions Strict', 'Win - Wi-Fi Pre-Shared Key (OMA-URI)']);
  });
});

describe('the export corpus over the Bot Framework protocol (SANDBOX_TENANTS_DIR)', () => {
  const demo = useDemoChat({ SANDBOX_TENANTS_DIR: CORPUS });

  it('the tenants card says how many of the Golden export\'s files were not used', async () => {
    const card = await demo.chat.card('tenants');
    expectValidCard(card);
    const text = cardText(card);
    expect(text).toContain('2 of 28 exported files not used');
    expect(text.match(/exported files not used/g)).toHaveLength(1);
    expect(demo.bot.logs.filter((line) => line.includes('sandbox: Northwind Golden: 2 of 28 files not used, 3 warnings'))).toHaveLength(1);
  });

  it('compare and preflight give, subject by subject, the results worked out from the JSON', async () => {
    const expected = await expectedRows();
    expect(expected).toHaveLength(25);
    const compare = await demo.chat.card(PAIR);
    expectValidCard(compare);
    const count = (state: string) => String(expected.filter((r) => r.compareState === state).length);
    for (const [fact, state] of [['In sync', 'in_sync'], ['Different', 'different'], ['Missing in target', 'missing_in_target'], ['Only in target', 'only_in_target']] as const) {
      expect(factValue(compare, fact)).toBe(count(state));
    }
    const preflight = cardOf(await demo.chat.press(actionsByVerb(compare, 'preflight.generate')[0]!));
    const outcomes = (outcome: string) => String(expected.filter((r) => r.outcome === outcome).length);
    expect(factValue(preflight, 'Ready')).toBe(outcomes('ready'));
    expect(factValue(preflight, 'Blocked')).toBe(outcomes('blocked'));
    expect(factValue(preflight, 'Manual mapping')).toBe(outcomes('manual_mapping_required'));

    const url = JSON.stringify(preflight).match(/http:\/\/localhost:\d+\/exports\?token=[^"]+/)![0];
    // One row per subject, then one per differing setting (those carry a setting path).
    const rows = csvRows(await (await fetch(url)).text()).filter((r) => !r.setting);
    const observed = rows.map((r) => ({ type: r.type!, name: r.name!, compareState: r.compareState!, outcome: r.outcome! }));
    const byKey = (a: ExpectedRow, b: ExpectedRow) => `${a.type}/${a.name}`.localeCompare(`${b.type}/${b.name}`);
    expect(observed.sort(byKey)).toEqual(expected.sort(byKey));
    expect(rows.find((r) => r.name === 'Win - Compliance Finance')?.gaps).toBe('Group "NW - Finance Laptops" does not exist in the target tenant.');
    expect(rows.find((r) => r.name === 'Win - Kiosk ESP')?.reason).toContain('It tracks 2 apps by id (selectedMobileAppIds)');
    // The card names the subject's own reason, not only that it cannot be written.
    expect(cardText(preflight)).toContain('It tracks 2 apps by id (selectedMobileAppIds), and apps are not matched between tenants');
    expect(cardText(preflight)).not.toContain('Win - Firewall Baseline');
  });

  it('promoting the ready subjects (every governed type of the corpus) leaves them in sync: 0 ready on the next preflight', async () => {
    const expected = await expectedRows();
    const ready = expected.filter((r) => r.outcome === 'ready');
    const compare = await demo.chat.card(PAIR);
    const preflight = cardOf(await demo.chat.press(actionsByVerb(compare, 'preflight.generate')[0]!));
    const confirmCard = cardOf(await demo.chat.press(actionsByVerb(preflight, 'preflight.execute')[0]!));
    expect(factValue(confirmCard, 'Ready to promote')).toBe(String(ready.length));
    expect(cardText(cardOf(await demo.chat.press(actionsByVerb(confirmCard, 'promotion.confirm')[0]!)))).toContain('Queued');
    const runId = String((await demo.bot.system.db.collection('runs').findOne({}))!._id);

    const run = await waitForRun(demo.bot, runId);
    expect(run.summary).toMatchObject({ total: ready.length, succeeded: ready.length, failed: 0 });
    expect(run.verified).toBe(ready.length);

    await demo.chat.card('sync Northwind Production');
    const after = await demo.chat.card(PAIR);
    expect(factValue(after, 'In sync')).toBe(String(expected.filter((r) => r.compareState === 'in_sync').length + ready.length));
    const afterPreflight = cardOf(await demo.chat.press(actionsByVerb(after, 'preflight.generate')[0]!));
    expect(factValue(afterPreflight, 'Ready')).toBe('0');
    expect(factValue(afterPreflight, 'Blocked')).toBe(String(expected.filter((r) => r.outcome === 'blocked').length));
    expect(factValue(afterPreflight, 'Manual mapping')).toBe(String(expected.filter((r) => r.outcome === 'manual_mapping_required').length));
    const remediation = demo.bot.system.sandbox!.store
      .list(tenantIdOf('Northwind Production'), 'deviceManagement/deviceHealthScripts', ['assignments'])
      .find((s) => s.displayName === 'Win - Restart Print Spooler');
    expect((remediation!.assignments as GraphJson[])[0]).toMatchObject({ runRemediationScript: true, runSchedule: { interval: 1, time: '09:00:00.0000000' } });
    const store = demo.bot.system.sandbox!.store;
    const production = tenantIdOf('Northwind Production');
    const ios = store.list(production, 'deviceAppManagement/iosManagedAppProtections', ['apps', 'assignments']).find((p) => p.displayName === 'iOS - Protect corporate data');
    expect((ios!.apps as GraphJson[]).map((a) => (a.mobileAppIdentifier as GraphJson).bundleId).sort()).toEqual(['com.microsoft.Office.Outlook', 'com.microsoft.skype.teams']);
    expect(ios).toMatchObject({ appGroupType: 'selectedPublicApps', roleScopeTagIds: ['0'] });
    const template = store.list(production, 'deviceManagement/notificationMessageTemplates', ['localizedNotificationMessages']).find((t) => t.displayName === 'Noncompliance - first notice');
    expect((template!.localizedNotificationMessages as GraphJson[]).map((m) => m.id).sort()).toEqual([`${String(template!.id)}_de-de`, `${String(template!.id)}_en-us`]);
    expect(store.list(production, 'deviceManagement/deviceEnrollmentConfigurations').find((c) => c.displayName === 'Win - Autopilot ESP')).toMatchObject({ priority: 1 });
    const autopilot = store.list(production, 'deviceManagement/windowsAutopilotDeploymentProfiles', ['assignments']).find((p) => p.displayName === 'Win - User Driven')!;
    expect((autopilot.assignments as GraphJson[]).map((a) => (a.target as GraphJson).groupId)).toEqual(['7d3e1a2b-6c4f-4e8d-a9b0-2c3d4e5f6a71']);
  });
});
