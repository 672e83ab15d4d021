import { describe, expect, it, vi } from 'vitest';
import { executeRun } from '../../../core/promotion/execute-run';
import type { PromotionRun } from '../../../core/runs/model';
import { dyingWorker, expireLeases, heldWrite } from '../../support/executor-faults';
import {
  PATHS,
  seedBaselineSubjects,
  usePromotionWorld,
  queueRun,
  RUN_CLOCK,
  TARGET,
  WORKSPACE,
} from '../../support/promotion-fixtures';

const suite = usePromotionWorld('execute-run-resume', seedBaselineSubjects);

const stored = async (run: PromotionRun) => (await suite.world.runs.get(WORKSPACE, run.id))!;
const completedAudits = async () =>
  (await suite.world.audit.list(WORKSPACE, { offset: 0, limit: 50 })).events.filter((e) => e.action === 'promotion.execute.completed');
const itemNamed = async (run: PromotionRun, name: string) => (await suite.world.runs.items(run.id)).items.find((i) => i.displayName === name);
const targetIsFree = async () => (await suite.world.runs.acquireLock(TARGET.id, 'probe' as never, 'probe', RUN_CLOCK)).kind === 'acquired';

const journalOf = async (run: PromotionRun) => suite.world.deps.journal.entries(run.id);

describe('promotion run: a worker killed between any two steps of an item', () => {
  const KILL_POINTS: [string, Parameters<typeof dyingWorker>[1]][] = [
    ['after claiming it, before recording its intent', { journal: 'recordIntent' }],
    ['after recording its intent, before the write', { afterIntent: true }],
    ['right after the create reached Graph', { graphWrite: (spec) => spec.method === 'POST' && spec.path === PATHS.settingsCatalog }],
    ['after the create, before recording its id', { journal: 'recordCreated' }],
    ['right after the update reached Graph', { graphWrite: (spec) => spec.method === 'PATCH' }],
    ['right after the assignment reached Graph', { graphWrite: (spec) => spec.path.endsWith('/assign') }],
    ['after the writes, before recording the result', { journal: 'finish' }],
    ['after journalling the result, before the run store recorded it', { runStore: 'recordItem' }],
  ];
  for (const [when, killAt] of KILL_POINTS) {
    it(`resumes on another worker without writing anything twice, keeping every before-image, when killed ${when}`, async () => {
      const run = await queueRun(suite.world);
      const before = suite.world.graph.object(TARGET.id, PATHS.deviceConfiguration, 't-dc-restr')!;
      const { deps, death } = dyingWorker(suite.world.deps, killAt);
      void executeRun(deps, run.id);
      await vi.waitFor(() => expect(death.dead).toBe(true), { timeout: 5_000 });
      await new Promise((resolve) => setTimeout(resolve, 50));

      await expireLeases(suite.db);
      const outcome = await executeRun(suite.world.deps, run.id);

      expect(outcome).toEqual({ kind: 'finished', status: expect.any(String) });
      const finished = await stored(run);
      expect(finished.summary.processed).toBe(3);
      expect(suite.world.graph.objects(TARGET.id, PATHS.settingsCatalog).filter((o) => o.name === 'Baseline').length).toBeLessThanOrEqual(1);
      expect(suite.world.graph.objects(TARGET.id, PATHS.deviceConfiguration).filter((o) => o.displayName === 'Camera').length).toBeLessThanOrEqual(1);
      expect(suite.world.graph.writes(TARGET.id).filter((w) => w.method === 'POST' && !w.path.endsWith('/assign'))).toHaveLength(
        suite.world.graph.objects(TARGET.id, PATHS.settingsCatalog).length + suite.world.graph.objects(TARGET.id, PATHS.deviceConfiguration).filter((o) => o.id !== 't-dc-restr').length,
      );
      const restr = await itemNamed(run, 'Restrictions');
      const overwritten = JSON.stringify(suite.world.graph.object(TARGET.id, PATHS.deviceConfiguration, 't-dc-restr')) !== JSON.stringify(before);
      if (overwritten) {
        const intent = (await journalOf(run)).find((e) => e.intent?.action === 'update')?.intent;
        expect(intent?.before).toMatchObject({ kind: 'present', targetId: 't-dc-restr', payload: { passwordMinimumLength: 8 } });
        expect(restr?.priorState).toMatchObject({ passwordMinimumLength: 8 });
      }
      for (const item of (await suite.world.runs.items(run.id)).items) {
        expect(item.outcome === 'succeeded' || item.outcomeUnknown === true, `${item.displayName}: ${item.reason}`).toBe(true);
      }
      expect(await completedAudits()).toHaveLength(1);
      expect(await targetIsFree()).toBe(true);
      // Every item verification read back keeps its after-image, whichever executor finished it.
      for (const entry of await journalOf(run)) if (entry.result?.outcome === 'succeeded') expect(entry.after?.targetId).toBe(entry.result.targetId);
    });
  }

  it('adopts the object its killed create made, by the id the journal holds, and assigns it', async () => {
    const run = await queueRun(suite.world);
    const { deps, death } = dyingWorker(suite.world.deps, { graphWrite: (spec) => spec.path.startsWith(`${PATHS.settingsCatalog}/`) && spec.path.endsWith('/assign') });
    void executeRun(deps, run.id);
    await vi.waitFor(() => expect(death.dead).toBe(true), { timeout: 5_000 });
    await expireLeases(suite.db);
    suite.world.graph.clearRequests();
    await executeRun(suite.world.deps, run.id);

    expect(suite.world.graph.writes().filter((r) => r.method === 'POST' && r.path === PATHS.settingsCatalog)).toEqual([]);
    const created = suite.world.graph.objects(TARGET.id, PATHS.settingsCatalog);
    expect(created).toHaveLength(1);
    expect(await itemNamed(run, 'Baseline')).toMatchObject({ outcome: 'succeeded', targetId: created[0]!.id, reason: 'created by an earlier attempt of this run; not created again' });
    expect(created[0]!.assignments).toEqual([expect.objectContaining({ target: expect.objectContaining({ groupId: 't-grp-pilot' }) })]);
    expect((await stored(run)).verified).toBe(3);
  });

  it('waits for an update still on its way from the executor it took over from, instead of sending it again', async () => {
    const run = await queueRun(suite.world);
    const slow = heldWrite(suite.world.deps.graph, (spec) => spec.method === 'PATCH');
    const old = executeRun({ ...suite.world.deps, graph: slow.graph, settings: { ...suite.world.deps.settings, owner: 'old-worker' } }, run.id);
    await vi.waitFor(() => expect(slow.held()).toBe(true), { timeout: 5_000 });

    await expireLeases(suite.db);
    const takeover = executeRun(suite.world.deps, run.id);
    setTimeout(slow.release, 100);
    await takeover;
    await old.catch(() => undefined);

    expect(suite.world.graph.writes(TARGET.id).filter((w) => w.method === 'PATCH' && w.path.includes('t-dc-restr'))).toHaveLength(1);
    expect(await itemNamed(run, 'Restrictions')).toMatchObject({ outcome: 'succeeded', priorState: expect.objectContaining({ passwordMinimumLength: 8 }) });
    expect(await completedAudits()).toHaveLength(1);
  });

  it('writes nothing when a second executor is started on a run another executor holds', async () => {
    const run = await queueRun(suite.world);
    const [first, second] = await Promise.all([
      executeRun(suite.world.deps, run.id),
      executeRun({ ...suite.world.deps, settings: { ...suite.world.deps.settings, owner: 'other-worker' } }, run.id),
    ]);
    expect([first.kind, second.kind].sort()).toEqual(['finished', 'leased_elsewhere']);
    const writes = suite.world.graph.writes(TARGET.id).map((w) => JSON.stringify(w));
    expect(new Set(writes).size).toBe(writes.length);
    expect(suite.world.graph.objects(TARGET.id, PATHS.settingsCatalog)).toHaveLength(1);
    expect(await completedAudits()).toHaveLength(1);
  });
});

describe('promotion run: crash safety', () => {
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
