import { describe, expect, it } from 'vitest';
import { executeRun } from '../../../core/promotion/execute-run';
import type { PromotionRun } from '../../../core/runs/model';
import type { RunStore } from '../../../core/runs/run-store';
import {
  catalogPolicy,
  PATHS,
  seedBaselineSubjects,
  usePromotionWorld,
  queueRun,
  restrictions,
  RUN_CLOCK,
  SOURCE,
  TARGET,
  WORKSPACE,
} from '../../support/promotion-fixtures';

const suite = usePromotionWorld('execute-run-resume', seedBaselineSubjects);

const stored = async (run: PromotionRun) => (await suite.world.runs.get(WORKSPACE, run.id))!;
const completedAudits = async () =>
  (await suite.world.audit.list(WORKSPACE, { offset: 0, limit: 50 })).events.filter((e) => e.action === 'promotion.execute.completed');
const itemNamed = async (run: PromotionRun, name: string) => (await suite.world.runs.items(run.id)).items.find((i) => i.displayName === name);
const targetIsFree = async () => (await suite.world.runs.acquireLock(TARGET.id, 'probe' as never, 'probe', RUN_CLOCK)).kind === 'acquired';

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
    suite.world.graph.seed(SOURCE.id, PATHS.deviceConfiguration, { ...restrictions('s-dc-restr', 'Restrictions', {}), passwordMinimumLength: 8 });
    const run = await queueRun(suite.world);
    expect(run.plan.items.map((i) => i.displayName).sort()).toEqual(['Baseline', 'Camera']);
    await expect(executeRun({ ...suite.world.deps, runs: crashingOnRecordOf(suite.world.runs, 'Baseline') }, run.id)).rejects.toThrow('worker killed');
    expect(suite.world.graph.objects(TARGET.id, PATHS.settingsCatalog)).toHaveLength(1);

    suite.world.graph.clearRequests();
    await executeRun(suite.world.deps, run.id);

    expect(suite.world.graph.writes().filter((r) => r.method === 'POST' && r.path === PATHS.settingsCatalog)).toEqual([]);
    expect(suite.world.graph.objects(TARGET.id, PATHS.settingsCatalog)).toHaveLength(1);
    const created = suite.world.graph.objects(TARGET.id, PATHS.settingsCatalog)[0]!;
    expect(await itemNamed(run, 'Baseline')).toMatchObject({ outcome: 'succeeded', targetId: created.id, reason: 'created by an earlier attempt of this run; not created again' });
    expect(created.assignments).toEqual([expect.objectContaining({ target: expect.objectContaining({ groupId: 't-grp-pilot' }) })]);
    const finished = await stored(run);
    expect(finished.status).toBe('succeeded');
    expect(finished.verified).toBe(2);
  });

  it('does not update a subject again when the worker died between the update and its record', async () => {
    suite.world.graph.seed(SOURCE.id, PATHS.settingsCatalog, catalogPolicy('s-sc-baseline', 'Baseline', { bitlocker_requiredeviceencryption: '1' }));
    suite.world.graph.seed(TARGET.id, PATHS.settingsCatalog, catalogPolicy('t-sc-baseline', 'Baseline', { bitlocker_requiredeviceencryption: '1' }));
    suite.world.graph.seed(SOURCE.id, PATHS.deviceConfiguration, restrictions('s-dc-camera', 'Camera', { cameraBlocked: true }));
    suite.world.graph.seed(TARGET.id, PATHS.deviceConfiguration, restrictions('t-dc-camera', 'Camera', { cameraBlocked: true }));
    const run = await queueRun(suite.world);
    expect(run.plan.items.map((i) => i.displayName)).toEqual(['Restrictions']);
    await expect(executeRun({ ...suite.world.deps, runs: crashingOnRecordOf(suite.world.runs, 'Restrictions') }, run.id)).rejects.toThrow('worker killed');
    expect(suite.world.graph.writes().filter((r) => r.method === 'PATCH')).toHaveLength(1);

    suite.world.graph.clearRequests();
    await executeRun(suite.world.deps, run.id);

    expect(suite.world.graph.writes()).toEqual([]);
    expect(await itemNamed(run, 'Restrictions')).toMatchObject({ outcome: 'succeeded', targetId: 't-dc-restr', reason: 'already updated by an earlier attempt of this run' });
    expect((await stored(run)).status).toBe('succeeded');
  });

  it('resumes a run after recorded items without writing them again', async () => {
    const run = await queueRun(suite.world);
    const index = run.plan.items.findIndex((i) => i.displayName === 'Restrictions');
    await suite.world.runs.recordItem({ runId: run.id, index, type: 'deviceConfiguration', displayName: 'Restrictions', action: 'update', outcome: 'failed', reason: 'earlier attempt', at: RUN_CLOCK });
    await suite.world.runs.update(run.id, { status: 'running', startedAt: new Date(RUN_CLOCK.getTime() - 5000) });
    await executeRun(suite.world.deps, run.id);

    expect(suite.world.graph.writes().filter((r) => r.path.includes('t-dc-restr'))).toEqual([]);
    expect(suite.world.graph.writes()).not.toEqual([]);
    const finished = await stored(run);
    expect(finished.startedAt).toEqual(new Date(RUN_CLOCK.getTime() - 5000));
    expect(finished.summary).toEqual({ total: 3, processed: 3, succeeded: 2, failed: 1, skipped: 0 });
    expect(await itemNamed(run, 'Restrictions')).toMatchObject({ reason: 'earlier attempt' });
  });

  it('does nothing at all when a finished run is executed again', async () => {
    const run = await queueRun(suite.world);
    await executeRun(suite.world.deps, run.id);
    const finished = await stored(run);
    suite.world.graph.clearRequests();

    await executeRun(suite.world.deps, run.id);

    expect(suite.world.graph.requests).toEqual([]);
    expect(await stored(run)).toEqual(finished);
    expect(await completedAudits()).toHaveLength(1);
    expect(suite.world.progress.completions).toHaveLength(1);
  });

  it('finishes the run even when the conversation card cannot be updated', async () => {
    const run = await queueRun(suite.world);
    const broken = { update: async () => { throw new Error('Teams unavailable'); }, completed: async () => { throw new Error('Teams unavailable'); } };
    await executeRun({ ...suite.world.deps, progress: broken }, run.id);
    expect((await stored(run)).status).toBe('succeeded');
    expect(await targetIsFree()).toBe(true);
  });

  it('does nothing for a run that does not exist', async () => {
    await executeRun(suite.world.deps, 'no-such-run' as never);
    expect(suite.world.graph.requests).toEqual([]);
    expect(suite.world.progress.completions).toEqual([]);
  });
});
