import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Forbidden, InvalidInput, NotFound } from '../../../core/errors';
import type { WorkflowDeps } from '../../../core/workflows/deps';
import { listMappings, removeMapping, saveMapping } from '../../../core/workflows/manage-mappings';
import { mappingChoices } from '../../../core/workflows/mapping-choices';
import {
  MAPPING_SOURCE,
  MAPPING_TARGET,
  MAPPING_WORKSPACE,
  mappingActor,
  mappingTargetSnapshot,
  mappingWorld,
  OTHER_WORKSPACE_TENANT,
} from '../../support/mapping-fixtures';
import { storeDb } from '../../support/store-fixtures';
import type { TestDb } from '../../support/mongo';

const operator = mappingActor('operator', ['WORKSPACE_BASELINES_VIEW', 'WORKSPACE_BASELINES_MANAGE']);
const viewer = mappingActor('viewer', ['WORKSPACE_BASELINES_VIEW']);
const pair = { sourceTenantId: MAPPING_SOURCE.id, targetTenantId: MAPPING_TARGET.id };
const financeToCorporate = { ...pair, kind: 'group' as const, source: { name: 'finance laptops' }, target: { name: 'Intune - All Corporate Devices' } };
const selection = { ...pair, types: [], includeAssignments: true };

let t: TestDb;
let deps: WorkflowDeps;
beforeAll(async () => {
  t = await storeDb('manage-mappings');
});
beforeEach(async () => {
  await t.db.dropDatabase();
  deps = await mappingWorld(t.db);
});
afterAll(async () => {
  await t?.close();
});

const stored = () => deps.mappings.list(MAPPING_WORKSPACE, MAPPING_SOURCE.id, MAPPING_TARGET.id);
const events = async () => (await deps.audit.list(MAPPING_WORKSPACE, { offset: 0, limit: 50 })).events;

describe('saving a mapping', () => {
  it('resolves both objects by name in their own tenant, stores the mapping and audits ids only', async () => {
    const saved = await saveMapping(deps, operator, financeToCorporate);
    expect(saved.mapping).toMatchObject({ kind: 'group', sourceId: 's-finance', sourceName: 'Finance Laptops', targetId: 't-corporate', targetName: 'Intune - All Corporate Devices', createdBy: 'operator' });
    expect(await stored()).toEqual([saved.mapping]);
    const [event] = await events();
    expect(event).toMatchObject({ action: 'mapping.saved', actorId: 'operator', tenantIds: [MAPPING_SOURCE.id, MAPPING_TARGET.id] });
    expect(event!.metadata).toEqual({ source: MAPPING_SOURCE.id, target: MAPPING_TARGET.id, kind: 'group', sourceId: 's-finance', targetId: 't-corporate', replacedTargetId: null });
  });

  it('replaces the earlier mapping of the same source object and says which it replaced', async () => {
    await saveMapping(deps, operator, financeToCorporate);
    const again = await saveMapping(deps, operator, { ...financeToCorporate, target: { id: 't-finance-team' } });
    expect(again.replaced?.targetId).toBe('t-corporate');
    expect((await stored()).map((m) => m.targetId)).toEqual(['t-finance-team']);
    expect((await events())[0]!.metadata.replacedTargetId).toBe('t-corporate');
  });

  it.each([
    ['an unknown target name', { target: { name: 'Finance Devices' } }, 'No group named "Finance Devices" is in the inventory of Contoso Production'],
    ['an unknown source name', { source: { name: 'Finance Desktops' } }, 'No group named "Finance Desktops" is in the inventory of Contoso Staging'],
    ['a target name two groups share', { target: { name: 'shared' } }, '2 groups in Contoso Production are named "shared"'],
    ['a source name two groups share', { source: { name: 'Twins' } }, '2 groups in Contoso Staging are named "Twins"'],
    ['a target id of another kind', { target: { id: '5' } }, 'No group with id 5 is in the inventory of Contoso Production'],
  ])('refuses %s with a clear answer and stores nothing', async (_case, change, text) => {
    const error = await saveMapping(deps, operator, { ...financeToCorporate, ...change }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInput);
    expect((error as Error).message).toContain(text);
    expect(await stored()).toEqual([]);
    expect(await events()).toEqual([]);
  });

  it('maps to one of two same-named target objects when chosen by id', async () => {
    const saved = await saveMapping(deps, operator, { ...financeToCorporate, target: { id: 't-shared-2' } });
    expect(saved.mapping.targetId).toBe('t-shared-2');
  });

  it('refuses a member without baselines manage, audits the attempt and stores nothing', async () => {
    await expect(saveMapping(deps, viewer, financeToCorporate)).rejects.toBeInstanceOf(Forbidden);
    await expect(listMappings(deps, viewer, pair)).rejects.toBeInstanceOf(Forbidden);
    await expect(removeMapping(deps, viewer, { ...pair, kind: 'group', source: { name: 'Finance Laptops' } })).rejects.toBeInstanceOf(Forbidden);
    expect(await stored()).toEqual([]);
    expect((await events()).map((e) => [e.action, e.metadata.attempted])).toEqual([
      ['action.forbidden', 'mapping.remove'],
      ['action.forbidden', 'mapping.list'],
      ['action.forbidden', 'mapping.save'],
    ]);
  });

  it('answers a tenant of another workspace exactly like an unknown one, and refuses the same tenant twice', async () => {
    const foreign = await saveMapping(deps, operator, { ...financeToCorporate, targetTenantId: OTHER_WORKSPACE_TENANT.id }).catch((e: unknown) => e);
    expect(foreign).toBeInstanceOf(NotFound);
    expect(foreign).toMatchObject({ what: 'tenant', suggestions: [] });
    await expect(saveMapping(deps, operator, { ...financeToCorporate, targetTenantId: MAPPING_SOURCE.id })).rejects.toBeInstanceOf(InvalidInput);
    expect(await stored()).toEqual([]);
  });
});

describe('listing and removing mappings', () => {
  it('flags a mapping whose target object is gone from the target inventory', async () => {
    await saveMapping(deps, operator, financeToCorporate);
    await saveMapping(deps, operator, { ...pair, kind: 'group', source: { name: 'Pilot users' }, target: { name: 'Finance Team' } });
    await deps.snapshots.replace(mappingTargetSnapshot(['t-corporate']));
    const { mappings } = await listMappings(deps, operator, pair);
    expect(mappings.map((m) => [m.mapping.sourceName, m.targetExists])).toEqual([['Finance Laptops', false], ['Pilot users', true]]);
  });

  it('removes a mapping named by its source name and audits it; a second removal is refused', async () => {
    await saveMapping(deps, operator, financeToCorporate);
    const { removed } = await removeMapping(deps, operator, { ...pair, kind: 'group', source: { name: 'FINANCE LAPTOPS' } });
    expect(removed.targetId).toBe('t-corporate');
    expect(await stored()).toEqual([]);
    expect((await events())[0]).toMatchObject({ action: 'mapping.removed', metadata: { kind: 'group', sourceId: 's-finance', targetId: 't-corporate' } });
    const again = removeMapping(deps, operator, { ...pair, kind: 'group', source: { name: 'Finance Laptops' } });
    await expect(again).rejects.toThrow('There is no group mapping for "Finance Laptops" from Contoso Staging to Contoso Production');
  });

  it('does not remove a mapping of another kind with the same source name', async () => {
    await saveMapping(deps, operator, financeToCorporate);
    await expect(removeMapping(deps, operator, { ...pair, kind: 'scopeTag', source: { name: 'Finance Laptops' } })).rejects.toBeInstanceOf(InvalidInput);
    expect(await stored()).toHaveLength(1);
  });
});

describe('choosing the target object of a gap', () => {
  it('offers the target groups best first, names the gap and the subjects waiting on it', async () => {
    const choices = await mappingChoices(deps, operator, { selection, kind: 'group', sourceId: 's-finance' });
    expect(choices.sourceObject.displayName).toBe('Finance Laptops');
    expect(choices.gap).toMatchObject({ kind: 'group', sourceId: 's-finance', problem: 'missing_in_target' });
    expect(choices.subjectNames).toEqual(['Win - Compliance Finance']);
    expect(choices.candidates.map((c) => c.displayName)).toEqual(['Finance Team', 'Intune - All Corporate Devices', 'Pilot users', 'Shared', 'Shared']);
    expect(choices.current).toBeUndefined();
  });

  it('after saving, the reference resolves through the mapping and the current choice is known', async () => {
    await saveMapping(deps, operator, financeToCorporate);
    const choices = await mappingChoices(deps, operator, { selection, kind: 'group', sourceId: 's-finance' });
    expect(choices.gap).toBeUndefined();
    expect(choices.subjectNames).toEqual(['Win - Compliance Finance']);
    expect(choices.current?.targetId).toBe('t-corporate');
  });

  it('needs baselines manage, like saving', async () => {
    await expect(mappingChoices(deps, viewer, { selection, kind: 'group', sourceId: 's-finance' })).rejects.toBeInstanceOf(Forbidden);
  });
});
