import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { RunId } from '../../../core/ids';
import { executeRun } from '../../../core/promotion/execute-run';
import { undoRunOf } from '../../../core/workflows/start-undo';
import { decideItems } from '../../../core/workflows/undo-preview';
import type { PromotionGraph } from '../../../core/promotion/promotion-graph';
import type { PromotionRun } from '../../../core/runs/model';
import type { GraphJson } from '../../../core/subjects/subject-type';
import { dyingWorker, expireLeases } from '../../support/executor-faults';
import {
  APPROVER,
  currentPlan,
  INITIATOR,
  includeGroup,
  PATHS,
  queueRun,
  restrictions,
  RUN_CLOCK,
  SOURCE,
  TARGET,
  usePromotionWorld,
  WORKSPACE,
  type PromotionWorld,
} from '../../support/promotion-fixtures';

/** An assignment filter as Graph returns it (deviceAndAppManagementAssignmentFilter). */
const kioskFilter: GraphJson = {
  '@odata.type': '#microsoft.graph.deviceAndAppManagementAssignmentFilter',
  id: 's-filter-kiosk',
  createdDateTime: '2026-01-01T00:00:00Z',
  lastModifiedDateTime: '2026-01-02T00:00:00Z',
  displayName: 'Kiosk Devices',
  description: 'Shared kiosks in the stores',
  platform: 'windows10AndLater',
  rule: '(device.model -eq "Kiosk 5000")',
  roleScopeTags: ['0'],
  payloads: [],
  assignmentFilterManagementType: 'devices',
};

/** Staging holds the filter and a profile assigned to Pilot users through it; Production has neither. */
function seedKiosk(world: PromotionWorld): void {
  world.graph
    .seed(SOURCE.id, PATHS.assignmentFilters, kioskFilter)
    .seed(SOURCE.id, PATHS.deviceConfiguration, restrictions('s-dc-kiosk', 'Kiosk Restrictions', { cameraBlocked: true }, { assignments: [includeGroup('s-grp-pilot', { filterId: 's-filter-kiosk' })] }));
}

const suite = usePromotionWorld('execute-run-dependencies', seedKiosk);

/** The fake Graph with creates of assignment filters answered late, so a dependant that did not wait would overtake them. */
function slowFilterCreates(graph: PromotionGraph): PromotionGraph {
  return {
    listAll: (tenant, path) => graph.listAll(tenant, path),
    request: async (tenant, spec) => {
      if (spec.method === 'POST' && spec.path === PATHS.assignmentFilters) await new Promise((resolve) => setTimeout(resolve, 150));
      return graph.request(tenant, spec);
    },
  };
}

const itemsOf = async (run: PromotionRun) => (await suite.world.runs.items(run.id)).items;
const stored = async (run: PromotionRun) => (await suite.world.runs.get(WORKSPACE, run.id))!;
const targetFilters = () => suite.world.graph.objects(TARGET.id, PATHS.assignmentFilters);
const targetKiosk = () => suite.world.graph.objects(TARGET.id, PATHS.deviceConfiguration).filter((o) => o.displayName === 'Kiosk Restrictions');
const filterIdOf = (policy: GraphJson) => (policy.assignments as { target: GraphJson }[])[0]!.target.deviceAndAppManagementAssignmentFilterId;

describe('promotion run: a filter missing in the target promoted in the same run as the policy that uses it', () => {
  it('plans the filter first and the policy as depending on it', async () => {
    const { plan, preflight } = await currentPlan(suite.world.graph, true);
    expect(preflight.items.map((i) => [i.displayName, i.outcome])).toEqual([
      ['Kiosk Devices', 'ready'],
      ['Kiosk Restrictions', 'ready'],
    ]);
    expect(plan.items.map((i) => i.displayName)).toEqual(['Kiosk Devices', 'Kiosk Restrictions']);
    expect(plan.items[1]!.dependsOn).toEqual([{ index: 0, kind: 'assignmentFilter', sourceId: 's-filter-kiosk', displayName: 'Kiosk Devices' }]);
  });

  it('creates the filter first, assigns the policy through the new filter id, verifies both and leaves them In sync', async () => {
    // An update in the same run reads the target's filters while the new one is still being created.
    suite.world.graph
      .seed(SOURCE.id, PATHS.deviceConfiguration, restrictions('s-dc-restr', 'Restrictions', { passwordMinimumLength: 12 }))
      .seed(TARGET.id, PATHS.deviceConfiguration, restrictions('t-dc-restr', 'Restrictions', { passwordMinimumLength: 8 }));
    const run = await queueRun(suite.world);
    const outcome = await executeRun({ ...suite.world.deps, graph: slowFilterCreates(suite.world.graph) }, run.id);

    expect(outcome).toEqual({ kind: 'finished', status: 'succeeded' });
    const [filter] = targetFilters();
    expect(targetFilters()).toHaveLength(1);
    expect(filter).toMatchObject({ displayName: 'Kiosk Devices', rule: '(device.model -eq "Kiosk 5000")', roleScopeTags: ['0'] });
    const [policy] = targetKiosk();
    expect(filterIdOf(policy!)).toBe(filter!.id);
    expect((policy!.assignments as { target: GraphJson }[])[0]!.target.groupId).toBe('t-grp-pilot');

    const writes = suite.world.graph.writes(TARGET.id).map((w) => `${w.method} ${w.path}`);
    expect(writes.indexOf(`POST ${PATHS.assignmentFilters}`)).toBeLessThan(writes.indexOf(`POST ${PATHS.deviceConfiguration}`));
    const items = await itemsOf(run);
    expect(items.map((i) => [i.displayName, i.outcome, i.verification?.inSync])).toEqual([
      ['Kiosk Devices', 'succeeded', true],
      ['Kiosk Restrictions', 'succeeded', true],
      ['Restrictions', 'succeeded', true],
    ]);
    expect((await stored(run)).verified).toBe(3);

    const { preflight } = await currentPlan(suite.world.graph, true);
    const states = preflight.compare.entries.map((e) => [e.displayName, e.state]);
    expect(states).toEqual(expect.arrayContaining([['Kiosk Devices', 'in_sync'], ['Kiosk Restrictions', 'in_sync'], ['Restrictions', 'in_sync']]));
    expect(preflight.counts.ready).toBe(0);
  });

  it('skips the policy, naming the filter, when the filter cannot be created, and writes nothing for it', async () => {
    suite.world.graph.failWhen((tenantId, spec) => tenantId === TARGET.id && spec.method === 'POST' && spec.path === PATHS.assignmentFilters, {
      status: 400,
      code: 'BadRequest',
      message: 'The rule is not valid for this platform.',
    });
    const run = await queueRun(suite.world);
    await executeRun(suite.world.deps, run.id);

    const items = await itemsOf(run);
    expect(items.map((i) => [i.displayName, i.outcome])).toEqual([
      ['Kiosk Devices', 'failed'],
      ['Kiosk Restrictions', 'skipped'],
    ]);
    expect(items[1]!.reason).toBe('uses assignment filter "Kiosk Devices", which this run did not create (it failed)');
    expect(suite.world.graph.writes(TARGET.id).filter((w) => w.path.startsWith(PATHS.deviceConfiguration))).toEqual([]);
    expect((await stored(run)).summary).toMatchObject({ total: 2, processed: 2, succeeded: 0, failed: 1, skipped: 1 });
  });

  it('skips the policy when the filter is skipped because a namesake appeared in the target since the preflight', async () => {
    const run = await queueRun(suite.world);
    suite.world.graph.seed(TARGET.id, PATHS.assignmentFilters, { ...kioskFilter, id: 't-filter-other', rule: 'something else' });
    await executeRun(suite.world.deps, run.id);

    const items = await itemsOf(run);
    expect(items.map((i) => [i.displayName, i.outcome])).toEqual([
      ['Kiosk Devices', 'skipped'],
      ['Kiosk Restrictions', 'skipped'],
    ]);
    expect(items[1]!.reason).toBe('uses assignment filter "Kiosk Devices", which this run did not create (it was skipped)');
    expect(targetKiosk()).toEqual([]);
  });
});

describe('promotion run: a worker killed between the filter and the policy', () => {
  const KILL_POINTS: [string, Parameters<typeof dyingWorker>[1]][] = [
    ['right after the filter create reached Graph', { graphWrite: (spec) => spec.method === 'POST' && spec.path === PATHS.assignmentFilters }],
    ['after journalling the filter result, before the run store recorded it', { runStore: 'recordItem' }],
    ['after the filter was recorded, as it claimed the policy', { claimOf: 1 }],
  ];
  for (const [when, killAt] of KILL_POINTS) {
    it(`resumes elsewhere and assigns the policy through the filter created by the dead worker, when killed ${when}`, async () => {
      const run = await queueRun(suite.world);
      const { deps, death } = dyingWorker(suite.world.deps, killAt);
      void executeRun(deps, run.id);
      await vi.waitFor(() => expect(death.dead).toBe(true), { timeout: 5_000 });
      expect(targetKiosk()).toEqual([]);

      await expireLeases(suite.db);
      const outcome = await executeRun(suite.world.deps, run.id);

      expect(outcome).toEqual({ kind: 'finished', status: 'succeeded' });
      expect(targetFilters()).toHaveLength(1);
      expect(targetKiosk()).toHaveLength(1);
      expect(filterIdOf(targetKiosk()[0]!)).toBe(targetFilters()[0]!.id);
      const journal = await suite.world.deps.journal.entries(run.id);
      expect(journal[0]!.createdId).toBe(targetFilters()[0]!.id);
      expect((await itemsOf(run)).map((i) => [i.displayName, i.outcome, i.verification?.inSync])).toEqual([
        ['Kiosk Devices', 'succeeded', true],
        ['Kiosk Restrictions', 'succeeded', true],
      ]);
    });
  }
});

describe('undo of a run that created a filter first: the policy is taken back before the filter it uses', () => {
  async function promotedThenUndoQueued() {
    const promoted = await queueRun(suite.world);
    expect(await executeRun(suite.world.deps, promoted.id)).toEqual({ kind: 'finished', status: 'succeeded' });
    const finished = (await suite.world.runs.get(WORKSPACE, promoted.id))!;
    const decided = await decideItems(suite.world.deps, finished, TARGET);
    const undo = undoRunOf({ id: RunId(randomUUID()), undone: finished, decided, initiatorId: INITIATOR, approverId: APPROVER, now: RUN_CLOCK, fingerprint: 'f'.repeat(64) });
    expect((await suite.world.runs.acquireLock(TARGET.id, undo.id, `undo:${promoted.id}`, RUN_CLOCK)).kind).toBe('acquired');
    await suite.world.runs.insert(undo);
    suite.world.graph.clearRequests();
    return undo;
  }
  /** The fake Graph with deletes of device configurations answered late, so a filter delete that did not wait would overtake them. */
  const slowProfileDeletes = (graph: PromotionGraph): PromotionGraph => ({
    listAll: (tenant, path) => graph.listAll(tenant, path),
    request: async (tenant, spec) => {
      if (spec.method === 'DELETE' && spec.path.startsWith(`${PATHS.deviceConfiguration}/`)) await new Promise((resolve) => setTimeout(resolve, 150));
      return graph.request(tenant, spec);
    },
  });

  it('plans the policy first and the filter as waiting for it, deletes them in that order, and leaves the target as before', async () => {
    const undo = await promotedThenUndoQueued();
    expect(undo.plan.items.map((i) => [i.displayName, i.action])).toEqual([
      ['Kiosk Restrictions', 'delete'],
      ['Kiosk Devices', 'delete'],
    ]);
    expect(undo.plan.items[1]!.dependsOn).toEqual([{ index: 0, kind: 'assignmentFilter', sourceId: 's-filter-kiosk', displayName: 'Kiosk Restrictions', usedBy: true }]);

    expect(await executeRun({ ...suite.world.deps, graph: slowProfileDeletes(suite.world.graph) }, undo.id)).toEqual({ kind: 'finished', status: 'succeeded' });
    const deletes = suite.world.graph.writes(TARGET.id).filter((w) => w.method === 'DELETE').map((w) => w.path.split('/').slice(0, -1).join('/'));
    expect(deletes).toEqual([PATHS.deviceConfiguration, PATHS.assignmentFilters]);
    expect(targetKiosk()).toEqual([]);
    expect(targetFilters()).toEqual([]);
  });

  it('leaves the filter in place, naming the policy, when the policy cannot be taken back', async () => {
    const undo = await promotedThenUndoQueued();
    suite.world.graph.failWhen((tenantId, spec) => tenantId === TARGET.id && spec.method === 'DELETE' && spec.path.startsWith(`${PATHS.deviceConfiguration}/`), {
      status: 400,
      code: 'BadRequest',
      message: 'The profile is locked.',
    });
    await executeRun(suite.world.deps, undo.id);

    const items = await itemsOf(undo);
    expect(items.map((i) => [i.displayName, i.outcome])).toEqual([
      ['Kiosk Restrictions', 'failed'],
      ['Kiosk Devices', 'skipped'],
    ]);
    expect(items[1]!.reason).toBe('still used by "Kiosk Restrictions", whose undo failed; left in place');
    expect(targetFilters()).toHaveLength(1);
    expect(suite.world.graph.writes(TARGET.id).filter((w) => w.path.startsWith(PATHS.assignmentFilters))).toEqual([]);
  });
});
