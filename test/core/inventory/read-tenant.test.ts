import { describe, expect, it } from 'vitest';
import { GraphPermissionMissing, GraphUnavailable } from '../../../core/errors';
import { readTenantInventory } from '../../../core/inventory/read-tenant';
import { SUBJECT_TYPES } from '../../../core/subjects/registry';
import { REFERENCE_SOURCES } from '../../../core/inventory/reference-sources';
import type { GraphJson } from '../../../core/subjects/subject-type';
import {
  InMemoryInventoryGraph,
  SOURCE,
  powershellScript,
  settingsCatalogPolicy,
  settingsCatalogSettings,
  type InMemoryRoutes,
} from '../../support/graph-payloads';
import { makeTenant } from '../../support/tenant-fixtures';

const CATALOG = '/beta/deviceManagement/configurationPolicies';
const tenant = makeTenant({ displayName: 'Contoso Staging' });

/** `count` settings catalog policies named "Policy 01".."Policy NN" (listed in reverse), each with two settings. */
function catalogTenant(count: number): InMemoryRoutes {
  const policies = Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(2, '0');
    return settingsCatalogPolicy({ ...SOURCE, policyId: `policy-${n}` }, { name: `Policy ${n}` });
  }).reverse();
  return {
    collections: {
      [`${CATALOG}?$expand=assignments`]: policies,
      ...Object.fromEntries(policies.map((p) => [`${CATALOG}/${p.id}/settings`, settingsCatalogSettings()])),
      [REFERENCE_SOURCES.group]: [{ id: SOURCE.groupId, displayName: 'Pilot devices' }, { id: 'g-nameless', displayName: null }],
      [REFERENCE_SOURCES.scopeTag]: [{ id: '0', displayName: 'Default' }, { id: SOURCE.scopeTagId, displayName: 'Helpdesk' }],
      [REFERENCE_SOURCES.assignmentFilter]: [{ id: SOURCE.filterId, displayName: 'Corporate Windows' }],
    },
  };
}

describe('reading a tenant inventory', () => {
  it('reads 45 policies with one list and their settings in batched detail requests, not one call each', async () => {
    const graph = new InMemoryInventoryGraph(catalogTenant(45));
    const { subjects } = await readTenantInventory(graph, tenant, [SUBJECT_TYPES.settingsCatalog]);

    expect(graph.listCalls.filter((p) => p.startsWith(CATALOG))).toEqual([`${CATALOG}?$expand=assignments`]);
    expect(graph.batchCalls).toHaveLength(1);
    expect(graph.batchCalls[0]).toHaveLength(45);
    expect(graph.batchCalls[0]!.every((r) => r.method === 'GET' && /\/configurationPolicies\/policy-\d\d\/settings$/.test(r.path))).toBe(true);
    expect(subjects).toHaveLength(45);
    expect(subjects.every((s) => (s.payload.settings as unknown[]).length === 2)).toBe(true);
    expect(subjects.map((s) => s.displayName).slice(0, 3)).toEqual(['Policy 01', 'Policy 02', 'Policy 03']);
  });

  it('reads the reference objects the types can name, and skips nameless ones', async () => {
    const graph = new InMemoryInventoryGraph(catalogTenant(1));
    const { referenceObjects } = await readTenantInventory(graph, tenant, [SUBJECT_TYPES.settingsCatalog]);
    expect(referenceObjects).toEqual([
      { kind: 'group', id: SOURCE.groupId, displayName: 'Pilot devices' },
      { kind: 'scopeTag', id: '0', displayName: 'Default' },
      { kind: 'scopeTag', id: SOURCE.scopeTagId, displayName: 'Helpdesk' },
      { kind: 'assignmentFilter', id: SOURCE.filterId, displayName: 'Corporate Windows' },
    ]);
    expect(graph.listCalls).not.toContain(REFERENCE_SOURCES.namedLocation);
    expect(graph.listCalls).not.toContain(REFERENCE_SOURCES.notificationTemplate);
  });

  it('lists every type and every reference source when reading all types', async () => {
    const graph = new InMemoryInventoryGraph({});
    const result = await readTenantInventory(graph, tenant, Object.values(SUBJECT_TYPES));
    expect(result).toEqual({ subjects: [], referenceObjects: [] });
    expect(graph.listCalls).toEqual(expect.arrayContaining(Object.values(REFERENCE_SOURCES)));
    expect(graph.listCalls).toContain('/v1.0/identity/conditionalAccess/policies');
    expect(graph.batchCalls).toEqual([]);
  });

  it('merges a script detail object under its property', async () => {
    const { listed, detail } = powershellScript(SOURCE);
    const graph = new InMemoryInventoryGraph({
      collections: { '/beta/deviceManagement/deviceManagementScripts?$expand=assignments': [listed] },
      objects: { [`/beta/deviceManagement/deviceManagementScripts/${SOURCE.policyId}`]: { body: detail } },
    });
    const { subjects } = await readTenantInventory(graph, tenant, [SUBJECT_TYPES.powershellScript]);
    expect(subjects[0]!.payload.scriptContent).toBe(detail.scriptContent);
    expect(subjects[0]!.assignments).toHaveLength(1);
  });

  it('completes a detail collection that continues on another page by following its nextLink', async () => {
    const routes = catalogTenant(1);
    const path = `${CATALOG}/policy-01/settings`;
    const nextLink = `https://graph.microsoft.com${path}?$skiptoken=2`;
    routes.objects = { [path]: { body: { value: settingsCatalogSettings().slice(0, 1), '@odata.nextLink': nextLink } } };
    routes.collections = { ...routes.collections, [nextLink]: settingsCatalogSettings().slice(1) };
    const graph = new InMemoryInventoryGraph(routes);
    const { subjects } = await readTenantInventory(graph, tenant, [SUBJECT_TYPES.settingsCatalog]);
    expect(graph.listCalls).toContain(nextLink);
    expect(graph.listCalls).not.toContain(path);
    expect(subjects[0]!.payload.settings).toHaveLength(2);
  });

  it('reports a missing permission when a detail read is refused, and an outage for other failures', async () => {
    const refused = catalogTenant(1);
    refused.objects = { [`${CATALOG}/policy-01/settings`]: { status: 403, body: { error: { code: 'Forbidden' } } } };
    await expect(readTenantInventory(new InMemoryInventoryGraph(refused), tenant, [SUBJECT_TYPES.settingsCatalog])).rejects.toBeInstanceOf(
      GraphPermissionMissing,
    );
    const failing = catalogTenant(1);
    failing.objects = { [`${CATALOG}/policy-01/settings`]: { status: 500, body: {} } };
    await expect(readTenantInventory(new InMemoryInventoryGraph(failing), tenant, [SUBJECT_TYPES.settingsCatalog])).rejects.toBeInstanceOf(
      GraphUnavailable,
    );
  });

  it('refuses a listed object without its identity field instead of silently dropping it', async () => {
    const nameless: GraphJson = { ...settingsCatalogPolicy(SOURCE) };
    delete nameless.name;
    const graph = new InMemoryInventoryGraph({ collections: { [`${CATALOG}?$expand=assignments`]: [nameless] } });
    await expect(readTenantInventory(graph, tenant, [SUBJECT_TYPES.settingsCatalog])).rejects.toThrow(/without a usable id or name/);
  });
});
