import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_TENANTS, DEMO_TENANTS_DIR } from '../../../core/graph-sandbox/demo-tenants';
import { loadTenantsDir } from '../../../core/graph-sandbox/load-tenants-dir';
import { warningReport, warningText } from '../../../core/graph-sandbox/load-warnings';
import { stableGuid } from '../../../core/graph-sandbox/stable-guid';

const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
const utf16be = (text: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
const utf8bom = (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);

describe('loading sandbox tenants from a folder', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'sandbox-tenants-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  async function put(path: string, content: string | Buffer) {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), content);
  }

  it('reads exports in UTF-16 LE/BE and UTF-8 with a byte-order mark, nested at any depth', async () => {
    const policy = { id: 'p1', name: 'Win – Défender', platforms: 'windows10', settings: [{ id: '0', settingInstance: {} }] };
    await put('Tenant A/Backup 2024/Settings Catalog/configurationPolicies/p1.json', utf16le(JSON.stringify(policy)));
    await put(
      'Tenant A/deviceConfigurations/restrictions.json',
      utf16be(JSON.stringify({ '@odata.type': '#microsoft.graph.windows10GeneralConfiguration', id: 'd1', displayName: 'Win – Restrictions' })),
    );
    await put('Tenant A/scripts/s1.json', utf8bom(JSON.stringify({ '@odata.type': '#microsoft.graph.deviceManagementScript', id: 's1', displayName: 'Script ✓' })));

    const { tenants, warnings } = await loadTenantsDir(root);

    expect(warnings).toEqual([]);
    const [tenant] = tenants;
    expect(tenant?.objects['deviceManagement/configurationPolicies']).toEqual([policy]);
    expect(tenant?.objects['deviceManagement/deviceConfigurations']?.[0]?.displayName).toBe('Win – Restrictions');
    expect(tenant?.objects['deviceManagement/deviceManagementScripts']?.[0]?.displayName).toBe('Script ✓');
  });

  it('takes every object of a collection page and fills reference collections from @odata.type or folder name', async () => {
    await put('Tenant A/groups/all-groups.json', JSON.stringify({ '@odata.context': 'x', value: [{ id: 'g1', displayName: 'G1' }, { id: 'g2', displayName: 'G2' }] }));
    await put('Tenant A/misc/filter.json', JSON.stringify({ '@odata.type': '#microsoft.graph.deviceAndAppManagementAssignmentFilter', id: 'f1', displayName: 'F' }));
    await put('Tenant A/misc/tag.json', JSON.stringify({ '@odata.type': '#microsoft.graph.roleScopeTag', id: '1', displayName: 'EU' }));
    await put('Tenant A/misc/hq.json', JSON.stringify({ '@odata.type': '#microsoft.graph.ipNamedLocation', id: 'l1', displayName: 'HQ' }));

    const { tenants, warnings } = await loadTenantsDir(root);

    expect(warnings).toEqual([]);
    const objects = tenants[0]!.objects;
    expect(objects.groups?.map((g) => g.id)).toEqual(['g1', 'g2']);
    expect(objects['deviceManagement/assignmentFilters']?.map((f) => f.id)).toEqual(['f1']);
    expect(objects['deviceManagement/roleScopeTags']?.map((t) => t.id)).toEqual(['1']);
    expect(objects['identity/conditionalAccess/namedLocations']?.map((l) => l.id)).toEqual(['l1']);
  });

  it('reports unrecognised and unreadable files as warnings and still loads the rest', async () => {
    await put('Tenant A/notes/readme.json', JSON.stringify({ title: 'not a Graph object' }));
    await put('Tenant A/broken/configurationPolicies/x.json', '{ not json');
    await put('Tenant A/configurationPolicies/ok.json', JSON.stringify({ id: 'ok', name: 'OK' }));
    await put('Tenant A/notes.txt', 'ignored');

    const { tenants, warnings } = await loadTenantsDir(root);

    expect(warnings.map(warningText)).toEqual([
      'Tenant A/broken/configurationPolicies/x.json: not readable as JSON (UTF-8, or UTF-16 with a byte-order mark)',
      'Tenant A/notes/readme.json: unrecognised object (no known @odata.type, @odata.context, @odata.id or collection folder)',
    ]);
    expect(tenants[0]!.objects['deviceManagement/configurationPolicies']?.map((p) => p.id)).toEqual(['ok']);
  });

  it('keeps both objects that share an id: the later one under a stable derived id, with a warning naming both files', async () => {
    const policy = (name: string) => ({ '@odata.type': '#microsoft.graph.windows10GeneralConfiguration', id: 'dup-1', displayName: name });
    await put('Tenant A/DeviceConfiguration/a.json', JSON.stringify(policy('Win - Baseline A')));
    await put('Tenant A/DeviceConfiguration/b.json', JSON.stringify(policy('Win - Baseline B')));

    const first = await loadTenantsDir(root);
    const again = await loadTenantsDir(root);

    const kept = first.tenants[0]!.objects['deviceManagement/deviceConfigurations']!;
    expect(kept.map((p) => p.displayName)).toEqual(['Win - Baseline A', 'Win - Baseline B']);
    expect(kept[0]!.id).toBe('dup-1');
    expect(kept[1]!.id).toBe(stableGuid('dup-1#DeviceConfiguration/b.json'));
    expect(again.tenants[0]!.objects['deviceManagement/deviceConfigurations']!.map((p) => p.id)).toEqual(kept.map((p) => p.id));
    expect(first.warnings.map(warningText)).toEqual([
      `Tenant A/DeviceConfiguration/b.json: shares its id with another object: id dup-1 is also used by DeviceConfiguration/a.json; kept under id ${kept[1]!.id}`,
    ]);
  });

  it('classifies by @odata.context or @odata.id when the folder says nothing, and by the backup tools\' singular folder names', async () => {
    await put('Tenant A/export/one.json', JSON.stringify({ '@odata.context': 'https://graph.microsoft.com/beta/$metadata#deviceManagement/deviceCompliancePolicies/$entity', id: 'c1', displayName: 'C' }));
    await put('Tenant A/export/two.json', JSON.stringify({ '@odata.id': 'https://graph.microsoft.com/beta/deviceManagement/deviceManagementScripts/s1', id: 's1', displayName: 'S' }));
    await put('Tenant A/export/page.json', JSON.stringify({ '@odata.context': 'https://graph.microsoft.com/beta/$metadata#identity/conditionalAccess/policies', value: [{ id: 'ca1', displayName: 'CA' }] }));
    await put('Tenant A/export/settings.json', JSON.stringify({ '@odata.context': "https://graph.microsoft.com/beta/$metadata#deviceManagement/configurationPolicies('p')/settings/$entity", id: '0' }));
    await put('Tenant A/SettingsCatalog/p.json', JSON.stringify({ id: 'p1', name: 'Catalog' }));
    await put('Tenant A/CompliancePolicies/c.json', JSON.stringify({ id: 'c2', displayName: 'C2' }));
    await put('Tenant A/ScopeTags/t.json', JSON.stringify({ id: '5', displayName: 'EU' }));

    const { tenants, warnings } = await loadTenantsDir(root);

    const objects = tenants[0]!.objects;
    expect(objects['deviceManagement/deviceCompliancePolicies']?.map((o) => o.id).sort()).toEqual(['c1', 'c2']);
    expect(objects['deviceManagement/deviceManagementScripts']?.map((o) => o.id)).toEqual(['s1']);
    expect(objects['identity/conditionalAccess/policies']?.map((o) => o.id)).toEqual(['ca1']);
    expect(objects['deviceManagement/configurationPolicies']?.map((o) => o.id)).toEqual(['p1']);
    expect(objects['deviceManagement/roleScopeTags']?.map((o) => o.id)).toEqual(['5']);
    // A settings item is not a policy, though its context names the policies collection.
    expect(warnings.map(warningText)).toEqual([expect.stringMatching(/^Tenant A\/export\/settings\.json: unrecognised object/)]);
  });

  it('decodes a file holding double-encoded JSON (a JSON string of JSON), also in UTF-16', async () => {
    const policy = { '@odata.type': '#microsoft.graph.deviceManagementConfigurationPolicy', id: 'p1', name: 'Catalog', settings: [] };
    await put('Tenant A/SettingsCatalog/p1_Settings.json', utf16le(JSON.stringify(JSON.stringify(policy))));

    const { tenants, warnings } = await loadTenantsDir(root);

    expect(warnings).toEqual([]);
    expect(tenants[0]!.objects['deviceManagement/configurationPolicies']).toEqual([policy]);
  });

  it('reports every warning grouped by reason with a count, and per tenant how many files were not used', async () => {
    for (let i = 0; i < 25; i++) await put(`Tenant A/broken/${String(i).padStart(2, '0')}.json`, '{');
    await put('Tenant A/notes/readme.json', JSON.stringify({ title: 'not a Graph object' }));
    await put('Tenant A/configurationPolicies/ok.json', JSON.stringify({ id: 'ok', name: 'OK' }));
    await put('Tenant B/configurationPolicies/ok.json', JSON.stringify({ id: 'ok', name: 'OK' }));

    const { warnings, summaries } = await loadTenantsDir(root);

    expect(summaries.map(({ displayName, files, unusedFiles }) => ({ displayName, files, unusedFiles }))).toEqual([
      { displayName: 'Tenant A', files: 27, unusedFiles: 26 },
      { displayName: 'Tenant B', files: 1, unusedFiles: 0 },
    ]);
    const report = warningReport(warnings, summaries);
    expect(report.slice(0, 2)).toEqual([
      'Tenant A: 26 of 27 files not used, 26 warnings',
      'Tenant A: not readable as JSON (UTF-8, or UTF-16 with a byte-order mark) (25)',
    ]);
    expect(report.filter((l) => l.includes('/broken/'))).toHaveLength(25);
    expect(report).toContain('Tenant A: unrecognised object (no known @odata.type, @odata.context, @odata.id or collection folder) (1)');
    expect(report.some((l) => l.startsWith('Tenant B'))).toBe(false);
  });

  it('names each tenant by its folder, with the id and flags of tenant.json or a stable id derived from the name', async () => {
    await put('Tenant A/tenant.json', JSON.stringify({ id: 'AAAAAAAA-0000-4000-8000-000000000001', environment: 'staging', readOnly: true }));
    await put('Tenant B/configurationPolicies/p.json', JSON.stringify({ name: 'No id in export' }));

    const first = await loadTenantsDir(root);
    const again = await loadTenantsDir(root);

    const [a, b] = first.tenants;
    expect(a).toMatchObject({ id: 'aaaaaaaa-0000-4000-8000-000000000001', displayName: 'Tenant A', environment: 'staging', readOnly: true });
    expect(b).toMatchObject({ id: stableGuid('Tenant B'), displayName: 'Tenant B', environment: 'sandbox' });
    expect(b!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const generatedId = b!.objects['deviceManagement/configurationPolicies']?.[0]?.id;
    expect(generatedId).toEqual(again.tenants[1]!.objects['deviceManagement/configurationPolicies']?.[0]?.id);
  });
});

describe('the demo tenants folder', () => {
  it('loads without warnings, with the ids, environments and faults the demo relies on', async () => {
    const { tenants, warnings } = await loadTenantsDir(DEMO_TENANTS_DIR);

    expect(warnings).toEqual([]);
    const byName = new Map(tenants.map((t) => [t.displayName, t]));
    for (const demo of Object.values(DEMO_TENANTS)) {
      expect(byName.get(demo.displayName)).toMatchObject({ id: demo.id, environment: demo.environment });
    }
    expect(byName.get('Contoso Staging')?.readOnly).toBe(true);
    expect(byName.get('Contoso Production')?.readOnly).toBeUndefined();
    expect(byName.get('Contoso Lab')?.fault).toEqual({ kind: 'persistent', status: 503 });
  });

  it('keeps tenant.json ids equal to the exported constants', async () => {
    for (const demo of Object.values(DEMO_TENANTS)) {
      const file = JSON.parse(await readFile(join(DEMO_TENANTS_DIR, demo.displayName, 'tenant.json'), 'utf8'));
      expect(file.id).toBe(demo.id);
    }
  });
});
