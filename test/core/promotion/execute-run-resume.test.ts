import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { executeRun } from '../../../core/promotion/execute-run';
import type { PromotionRun } from '../../../core/runs/model';
import type { RunStore } from '../../../core/runs/run-store';
import { testDb, type TestDb } from '../../support/mongo';
import {
  catalogPolicy,
  includeGroup,
  PATHS,
  promotionWorld,
  queueRun,
  restrictions,
  RUN_CLOCK,
  SOURCE,
  TARGET,
  WORKSPACE,
  type PromotionWorld,
} from '../../support/promotion-fixtures';

let t: TestDb;
let world: PromotionWorld;

beforeAll(async () => {
  t = await testDb('execute-run-resume');
});
beforeEach(async () => {
  await t.db.dropDatabase();
  world = await promotionWorld(t.db);
  world.graph
    .seed(SOURCE.id, PATHS.settingsCatalog, catalogPolicy('s-sc-baseline', 'Baseline', { bitlocker_requiredeviceencryption: '1' }, { roleScopeTagIds: ['7'], assignments: [includeGroup('s-grp-pilot')] }))
    .seed(SOURCE.id, PATHS.deviceConfiguration, restrictions('s-dc-restr', 'Restrictions', { passwordMinimumLength: 12 }))
    .seed(TARGET.id, PATHS.deviceConfiguration, restrictions('t-dc-restr', 'Restrictions', { passwordMinimumLength: 8 }))
    .seed(SOURCE.id, PATHS.deviceConfiguration, restrictions('s-dc-camera', 'Camera', { cameraBlocked: true }));
});
afterEach(() => {
  expect(world.graph.writes(SOURCE.id)).toEqual([]);
});
afterAll(async () => {
  await t?.close();
});

const stored = async (run: PromotionRun) => (await world.runs.get(WORKSPACE, run.id))!;
const completedAudits = async () =>
  (await world.audit.list(WORKSPACE, { offset: 0, limit: 50 })).events.filter((e) => e.action === 'promotion.execute.completed');
const itemNamed = async (run: PromotionRun, name: string) => (await world.runs.items(run.id)).items.find((i) => i.displayName === name);
const targetIsFree = async () => (await world.runs.acquireLock(TARGET.id, 'probe' as never, 'probe', RUN_CLOCK)).kind === 'acquired';

/** The run store, except that recording the named item crashes the worker (after its writes, before its record). */
function crashingOnRecordOf(runs: RunStore, displayName: string): RunStore {
  let crashed = false;
  return Object.assign(Object.create(runs) as RunStore, {
    recordItem: async (result: Parameters<RunStore['recordItem']>[0]) => {
      if (!crashed && result.displayName === displayName) {
        crashed = true;
        throw new Error('worker killed');
      }
      return runs.recordItem(result);
    },
  });
}

describe('promotion run: crash safety', () => {
  it('does not create a subject twice when the worker died between the create and its record', async () => {
    world.graph.seed(SOURCE.id, PATHS.deviceConfiguration, { ...restrictions('s-dc-restr', 'Restrictions', {}), passwordMinimumLength: 8 });
    const run = await queueRun(world);
    expect(run.plan.items.map((i) => i.displayName).sort()).toEqual(['Baseline', 'Camera']);
    await expect(executeRun({ ...world.deps, runs: crashingOnRecordOf(world.runs, 'Baseline') }, run.id)).rejects.toThrow('worker killed');
    expect(world.graph.objects(TARGET.id, PATHS.settingsCatalog)).toHaveLength(1);

    world.graph.clearRequests();
    await executeRun(world.deps, run.id);

    expect(world.graph.writes().filter((r) => r.method === 'POST' && r.path === PATHS.settingsCatalog)).toEqual([]);
    expect(world.graph.objects(TARGET.id, PATHS.settingsCatalog)).toHaveLength(1);
    const created = world.graph.objects(TARGET.id, PATHS.settingsCatalog)[0]!;
    expect(await itemNamed(run, 'Baseline')).toMatchObject({ outcome: 'succeeded', targetId: created.id, reason: 'created by an earlier attempt of this run; not created again' });
    expect(created.assignments).toEqual([expect.objectContaining({ target: expect.objectContaining({ groupId: 't-grp-pilot' }) })]);
    const finished = await stored(run);
    expect(finished.status).toBe('succeeded');
    expect(finished.verified).toBe(2);
  });

  it('does not update a subject again when the worker died between the update and its record', async () => {
    world.graph.seed(SOURCE.id, PATHS.settingsCatalog, catalogPolicy('s-sc-baseline', 'Baseline', { bitlocker_requiredeviceencryption: '1' }));
    world.graph.seed(TARGET.id, PATHS.settingsCatalog, catalogPolicy('t-sc-baseline', 'Baseline', { bitlocker_requiredeviceencryption: '1' }));
    world.graph.seed(SOURCE.id, PATHS.deviceConfiguration, restrictions('s-dc-camera', 'Camera', { cameraBlocked: true }));
    world.graph.seed(TARGET.id, PATHS.deviceConfiguration, restrictions('t-dc-camera', 'Camera', { cameraBlocked: true }));
    const run = await queueRun(world);
    expect(run.plan.items.map((i) => i.displayName)).toEqual(['Restrictions']);
    await expect(executeRun({ ...world.deps, runs: crashingOnRecordOf(world.runs, 'Restrictions') }, run.id)).rejects.toThrow('worker killed');
    expect(world.graph.writes().filter((r) => r.method === 'PATCH')).toHaveLength(1);

    world.graph.clearRequests();
    await executeRun(world.deps, run.id);

    expect(world.graph.writes()).toEqual([]);
    expect(await itemNamed(run, 'Restrictions')).toMatchObject({ outcome: 'succeeded', targetId: 't-dc-restr', reason: 'already updated by an earlier attempt of this run' });
    expect((await stored(run)).status).toBe('succeeded');
  });

  it('resumes a run after recorded items without writing them again', async () => {
    const run = await queueRun(world);
    const index = run.plan.items.findIndex((i) => i.displayName === 'Restrictions');
    await world.runs.recordItem({ runId: run.id, index, type: 'deviceConfiguration', displayName: 'Restrictions', action: 'update', outcome: 'failed', reason: 'earlier attempt', at: RUN_CLOCK });
    await world.runs.update(run.id, { status: 'running', startedAt: new Date(RUN_CLOCK.getTime() - 5000) });
    await executeRun(world.deps, run.id);

    expect(world.graph.writes().filter((r) => r.path.includes('t-dc-restr'))).toEqual([]);
    expect(world.graph.writes()).not.toEqual([]);
    const finished = await stored(run);
    expect(finished.startedAt).toEqual(new Date(RUN_CLOCK.getTime() - 5000));
    expect(finished.summary).toEqual({ total: 3, processed: 3, succeeded: 2, failed: 1, skipped: 0 });
    expect(await itemNamed(run, 'Restrictions')).toMatchObject({ reason: 'earlier attempt' });
  });

  it('does nothing at all when a finished run is executed again', async () => {
    const run = await queueRun(world);
    await executeRun(world.deps, run.id);
    const finished = await stored(run);
    world.graph.clearRequests();

    await executeRun(world.deps, run.id);

    expect(world.graph.requests).toEqual([]);
    expect(await stored(run)).toEqual(finished);
    expect(await completedAudits()).toHaveLength(1);
    expect(world.progress.completions).toHaveLength(1);
  });

  it('finishes the run even when the conversation card cannot be updated', async () => {
    const run = await queueRun(world);
    const broken = { update: async () => { throw new Error('Teams unavailable'); }, completed: async () => { throw new Error('Teams unavailable'); } };
    await executeRun({ ...world.deps, progress: broken }, run.id);
    expect((await stored(run)).status).toBe('succeeded');
    expect(await targetIsFree()).toBe(true);
  });

  it('does nothing for a run that does not exist', async () => {
    await executeRun(world.deps, 'no-such-run' as never);
    expect(world.graph.requests).toEqual([]);
    expect(world.progress.completions).toEqual([]);
  });
});
