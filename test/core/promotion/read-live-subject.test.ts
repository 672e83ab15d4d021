import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readTenantInventory } from '../../../core/inventory/read-tenant';
import type { PromotionGraph } from '../../../core/promotion/promotion-graph';
import { GraphRequestFailed } from '../../../core/errors';
import { LiveSubjectReader, objectQuery } from '../../../core/promotion/read-live-subject';
import { SUBJECT_TYPES } from '../../../core/subjects/registry';
import { FakeIntuneGraph } from '../../support/fake-intune-graph';
import { GRAPH, makeGraphClient } from '../../support/graph-fixtures';
import { caPolicy, catalogPolicy, compliance, includeGroup, PATHS, restrictions, seedReferences, SOURCE } from '../../support/promotion-fixtures';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('object query', () => {
  it('keeps the expansions of a list query and drops what only a list understands', () => {
    expect(objectQuery('$expand=assignments,scheduledActionsForRule($expand=scheduledActionConfigurations)')).toBe(
      '$expand=assignments,scheduledActionsForRule($expand=scheduledActionConfigurations)',
    );
    expect(objectQuery('$filter=isAssigned eq true&$expand=assignments&$top=100')).toBe('$expand=assignments');
    expect(objectQuery('')).toBe('');
  });
});

describe('live subject reader', () => {
  const graph = new FakeIntuneGraph();
  seedReferences(graph);
  graph
    .seed(SOURCE.id, PATHS.settingsCatalog, catalogPolicy('sc-1', 'Baseline', { a_setting: '1', b_setting: 4 }, { roleScopeTagIds: ['7'], assignments: [includeGroup('s-grp-pilot')] }))
    .seed(SOURCE.id, PATHS.deviceConfiguration, restrictions('dc-1', 'Restrictions', { passwordMinimumLength: 12 }, { assignments: [includeGroup('s-grp-pilot')] }))
    .seed(SOURCE.id, PATHS.compliancePolicy, compliance('cp-1', 'Windows compliance', { passwordRequired: true }))
    .seed(SOURCE.id, PATHS.conditionalAccessPolicy, caPolicy('ca-1', 'Require MFA', 's-grp-pilot', 's-loc-office', ['mfa']));
  const types = [SUBJECT_TYPES.settingsCatalog, SUBJECT_TYPES.deviceConfiguration, SUBJECT_TYPES.compliancePolicy, SUBJECT_TYPES.conditionalAccessPolicy];

  it.each(types.map((type) => [type.key, type] as const))('reads a %s with the same payload and hashes the inventory (and so the preflight) has', async (_key, type) => {
    const { subjects } = await readTenantInventory(graph, SOURCE, [type]);
    const [inventory] = subjects;
    const live = await new LiveSubjectReader(graph).read(SOURCE, type, inventory!.graphId);

    expect(live).toEqual(inventory);
  });

  it('answers absent for an object that does not exist', async () => {
    expect(await new LiveSubjectReader(graph).read(SOURCE, SUBJECT_TYPES.deviceConfiguration, 'nope')).toBeUndefined();
  });

  it('finds namesakes by identity regardless of case and surrounding spaces, with their details', async () => {
    const found = await new LiveSubjectReader(graph).findByIdentity(SOURCE, SUBJECT_TYPES.settingsCatalog, '  baseline ');
    expect(found.map((s) => [s.graphId, (s.payload.settings as unknown[]).length])).toEqual([['sc-1', 2]]);
    expect(await new LiveSubjectReader(graph).findByIdentity(SOURCE, SUBJECT_TYPES.settingsCatalog, 'Baseline 2')).toEqual([]);
  });

  it('reads the tenant’s reference objects once per kind, however many subjects it reads', async () => {
    graph.clearRequests();
    const reader = new LiveSubjectReader(graph);
    await reader.read(SOURCE, SUBJECT_TYPES.deviceConfiguration, 'dc-1');
    await reader.read(SOURCE, SUBJECT_TYPES.settingsCatalog, 'sc-1');
    expect(graph.requests.filter((r) => r.path.startsWith('/v1.0/groups'))).toHaveLength(1);
  });

  it('works over the real Graph client: a 404 is absent, other refusals are errors', async () => {
    const { client } = makeGraphClient();
    const port: PromotionGraph = client;
    nock(GRAPH)
      .get(`${PATHS.deviceConfiguration}/gone`)
      .query({ $expand: 'assignments' })
      .reply(404, { error: { code: 'ResourceNotFound', message: 'not found' } })
      .get(`${PATHS.deviceConfiguration}/locked`)
      .query({ $expand: 'assignments' })
      .reply(400, { error: { code: 'BadRequest', message: 'bad' } });
    const reader = new LiveSubjectReader(port);

    expect(await reader.read(SOURCE, SUBJECT_TYPES.deviceConfiguration, 'gone')).toBeUndefined();
    await expect(reader.read(SOURCE, SUBJECT_TYPES.deviceConfiguration, 'locked')).rejects.toThrow(/answered 400/);
    expect(nock.isDone()).toBe(true);
  });

  describe('an object deleted between its own reads (a delete still on its way lands)', () => {
    const notFound = (path: string) => new GraphRequestFailed(404, 'GET', path, { error: { code: 'ResourceNotFound', message: 'not found' } });
    /** The fake Graph whose settings read of sc-1 answers 404; with `deleted`, the object itself answers 404 from then on. */
    const racing = (deleted: boolean): PromotionGraph => {
      let gone = false;
      return {
        listAll: (tenant, path) => graph.listAll(tenant, path),
        request: async (tenant, spec) => {
          if (spec.path.includes('/sc-1/settings')) {
            gone = deleted;
            throw notFound(spec.path);
          }
          if (gone && spec.path.includes('/sc-1')) throw notFound(spec.path);
          return graph.request(tenant, spec);
        },
      };
    };

    it('reads it as absent when the object itself is gone by then', async () => {
      expect(await new LiveSubjectReader(racing(true)).read(SOURCE, SUBJECT_TYPES.settingsCatalog, 'sc-1')).toBeUndefined();
    });

    it('fails when only a detail read is missing and the object still exists', async () => {
      await expect(new LiveSubjectReader(racing(false)).read(SOURCE, SUBJECT_TYPES.settingsCatalog, 'sc-1')).rejects.toThrow(GraphRequestFailed);
    });
  });
});
