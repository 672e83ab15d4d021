import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { RunId } from '../../../core/ids';
import { executeRun } from '../../../core/promotion/execute-run';
import type { PromotionRun } from '../../../core/runs/model';
import { undoRunOf } from '../../../core/workflows/start-undo';
import { decideItems } from '../../../core/workflows/undo-preview';
import { undoStanding } from '../../../core/workflows/undo-standing';
import { GraphRequestFailed } from '../../../core/errors';
import { dyingWorker, expireLeases, heldWrite, unreliableGraph, type LostWriteFate } from '../../support/executor-faults';
import { APPROVER, INITIATOR, PATHS, queueRun, RUN_CLOCK, seedBaselineSubjects, TARGET, usePromotionWorld, WORKSPACE, type PromotionWorld } from '../../support/promotion-fixtures';

const suite = usePromotionWorld('undo-run-resume', seedBaselineSubjects);

/** Promotes the baseline (two creates, one update), then queues its undo as confirming would (decisions, lock, link). */
async function promotedThenUndoQueued(world: PromotionWorld): Promise<{ promoted: PromotionRun; undo: PromotionRun }> {
  const promoted = await queueRun(world);
  expect(await executeRun(world.deps, promoted.id)).toEqual({ kind: 'finished', status: 'succeeded' });
  const finished = (await world.runs.get(WORKSPACE, promoted.id))!;
  const decided = await decideItems(world.deps, finished, TARGET);
  expect(decided.blocked).toEqual([]);
  const undo = undoRunOf({ id: RunId(randomUUID()), undone: finished, decided, initiatorId: INITIATOR, approverId: APPROVER, now: RUN_CLOCK, fingerprint: 'f'.repeat(64) });
  expect((await world.runs.acquireLock(TARGET.id, undo.id, `undo:${promoted.id}`, RUN_CLOCK)).kind).toBe('acquired');
  await world.runs.insert(undo);
  await world.runs.update(promoted.id, { undoneBy: undo.id });
  world.graph.clearRequests();
  return { promoted: finished, undo };
}

/** The target as it was before the promotion: no Baseline, no Camera, Restrictions back at 8. */
function expectTargetAsBefore(world: PromotionWorld) {
  expect(world.graph.objects(TARGET.id, PATHS.settingsCatalog).filter((o) => o.name === 'Baseline')).toEqual([]);
  expect(world.graph.objects(TARGET.id, PATHS.deviceConfiguration).filter((o) => o.displayName === 'Camera')).toEqual([]);
  expect(world.graph.object(TARGET.id, PATHS.deviceConfiguration, 't-dc-restr')).toMatchObject({ passwordMinimumLength: 8 });
}

describe('undo run: deletes what the promotion created and restores what it updated, verified', () => {
  it('undoes every item once and verifies each deleted subject is gone and each restored one equals its before-image', async () => {
    const { undo } = await promotedThenUndoQueued(suite.world);
    expect(undo.plan.items.map((i) => [i.displayName, i.action]).sort()).toEqual([
      ['Baseline', 'delete'],
      ['Camera', 'delete'],
      ['Restrictions', 'restore'],
    ]);
    expect(await executeRun(suite.world.deps, undo.id)).toEqual({ kind: 'finished', status: 'succeeded' });
    const stored = (await suite.world.runs.get(WORKSPACE, undo.id))!;
    expect(stored.verified).toBe(3);
    expectTargetAsBefore(suite.world);
    const deletes = suite.world.graph.writes(TARGET.id).filter((w) => w.method === 'DELETE');
    expect(deletes).toHaveLength(2);
    // Restrictions: its settings and the assignments the promotion replaced are put back, one request each.
    expect(suite.world.graph.writes(TARGET.id).filter((w) => w.path.includes('t-dc-restr')).map((w) => `${w.method} ${w.path.slice(PATHS.deviceConfiguration.length)}`)).toEqual([
      'PATCH /t-dc-restr',
      'POST /t-dc-restr/assign',
    ]);
    expect(suite.world.graph.object(TARGET.id, PATHS.deviceConfiguration, 't-dc-restr')!.assignments).toEqual([]);
    const audits = (await suite.world.audit.list(WORKSPACE, { offset: 0, limit: 50 })).events.map((e) => e.action);
    expect(audits.filter((a) => a === 'promotion.undo.completed')).toHaveLength(1);
    // A second execution of the finished undo run writes nothing.
    suite.world.graph.clearRequests();
    expect(await executeRun(suite.world.deps, undo.id)).toEqual({ kind: 'already_finished' });
    expect(suite.world.graph.writes(TARGET.id)).toEqual([]);
  });

  it('leaves a subject someone changed after the preview alone, with the reason', async () => {
    const { undo } = await promotedThenUndoQueued(suite.world);
    const camera = suite.world.graph.objects(TARGET.id, PATHS.deviceConfiguration).find((o) => o.displayName === 'Camera')!;
    await suite.world.graph.request(TARGET, { method: 'PATCH', path: `${PATHS.deviceConfiguration}/${String(camera.id)}`, body: { cameraBlocked: false } });
    await executeRun(suite.world.deps, undo.id);
    const item = (await suite.world.runs.items(undo.id)).items.find((i) => i.displayName === 'Camera')!;
    expect(item).toMatchObject({ outcome: 'skipped', reason: 'changed in Contoso Production since the undo preview' });
    expect(suite.world.graph.object(TARGET.id, PATHS.deviceConfiguration, String(camera.id))).toBeDefined();
  });
});

describe('undo run: ended short, then undone again', () => {
  it('offers only what is left: restored subjects show as already as before, refused deletes are offered again', async () => {
    const { promoted, undo } = await promotedThenUndoQueued(suite.world);
    const graph = suite.world.deps.graph;
    const refusingDeletes: typeof graph = {
      listAll: (tenant, path) => graph.listAll(tenant, path),
      request: async (tenant, spec) => {
        if (spec.method === 'DELETE') throw new GraphRequestFailed(403, 'DELETE', spec.path, { error: { code: 'Forbidden', message: 'denied' } });
        return graph.request(tenant, spec);
      },
    };
    await executeRun({ ...suite.world.deps, graph: refusingDeletes }, undo.id);
    const ended = (await suite.world.runs.get(WORKSPACE, undo.id))!;
    expect(ended.status).toBe('partially_succeeded');
    const original = (await suite.world.runs.get(WORKSPACE, promoted.id))!;
    expect(await undoStanding(suite.world.deps, original)).toEqual({ kind: 'undo_ended_short', undoneBy: undo.id });

    const again = await decideItems(suite.world.deps, original, TARGET);
    expect(again.deletes.map((i) => i.displayName).sort()).toEqual(['Baseline', 'Camera']);
    expect(again.restores).toEqual([]);
    expect(again.blocked).toEqual([expect.objectContaining({ displayName: 'Restrictions', reason: 'Already as it was before the run in Contoso Production.' })]);
  });

  it('counts a run whose undo is queued or running as not undoable yet, and one whose undo succeeded as undone', async () => {
    const { promoted, undo } = await promotedThenUndoQueued(suite.world);
    const original = (await suite.world.runs.get(WORKSPACE, promoted.id))!;
    expect(await undoStanding(suite.world.deps, original)).toEqual({ kind: 'undo_active', undoneBy: undo.id });
    await executeRun(suite.world.deps, undo.id);
    expect(await undoStanding(suite.world.deps, original)).toEqual({ kind: 'undone', undoneBy: undo.id });
  });
});

describe('undo run: a worker killed between any two steps of an item', () => {
  const KILL_POINTS: [string, Parameters<typeof dyingWorker>[1]][] = [
    ['after claiming it, before recording its intent', { journal: 'recordIntent' }],
    ['after recording its intent, before the write', { afterIntent: true }],
    ['right after a delete reached Graph', { graphWrite: (spec) => spec.method === 'DELETE' }],
    ['right after the restore reached Graph', { graphWrite: (spec) => spec.method === 'PATCH' }],
    ['right after the restored assignments reached Graph', { graphWrite: (spec) => spec.path.endsWith('/assign') }],
    ['after the writes, before recording the result', { journal: 'finish' }],
    ['after journalling the result, before the run store recorded it', { runStore: 'recordItem' }],
  ];
  for (const [when, killAt] of KILL_POINTS) {
    it(`resumes on another worker with no double delete and no lost item, when killed ${when}`, async () => {
      const { undo } = await promotedThenUndoQueued(suite.world);
      const { deps, death } = dyingWorker(suite.world.deps, killAt);
      void executeRun(deps, undo.id);
      await vi.waitFor(() => expect(death.dead).toBe(true), { timeout: 5_000 });
      await new Promise((resolve) => setTimeout(resolve, 50));

      await expireLeases(suite.db);
      expect(await executeRun(suite.world.deps, undo.id)).toEqual({ kind: 'finished', status: 'succeeded' });

      const deletes = suite.world.graph.writes(TARGET.id).filter((w) => w.method === 'DELETE').map((w) => w.path);
      expect(new Set(deletes).size, 'double deletes').toBe(deletes.length);
      const items = (await suite.world.runs.items(undo.id)).items;
      expect(items.map((i) => [i.displayName, i.outcome, i.reason ?? '']).sort()).toEqual([
        ['Baseline', 'succeeded', expect.any(String)],
        ['Camera', 'succeeded', expect.any(String)],
        ['Restrictions', 'succeeded', expect.any(String)],
      ]);
      expect((await suite.world.runs.get(WORKSPACE, undo.id))!.verified).toBe(3);
      expectTargetAsBefore(suite.world);
    });
  }
});

describe('undo run: taken over while a delete is still on its way', () => {
  it('waits for the earlier delete to show instead of sending it again', async () => {
    const { undo } = await promotedThenUndoQueued(suite.world);
    const slow = heldWrite(suite.world.deps.graph, (spec) => spec.method === 'DELETE');
    const old = executeRun({ ...suite.world.deps, graph: slow.graph, settings: { ...suite.world.deps.settings, owner: 'old-worker' } }, undo.id);
    await vi.waitFor(() => expect(slow.held()).toBe(true), { timeout: 5_000 });

    await expireLeases(suite.db);
    const takeover = executeRun(suite.world.deps, undo.id);
    setTimeout(slow.release, 100);
    expect(await takeover).toEqual({ kind: 'finished', status: 'succeeded' });
    await old.catch(() => undefined);

    const deletes = suite.world.graph.writes(TARGET.id).filter((w) => w.method === 'DELETE').map((w) => w.path);
    expect(deletes).toHaveLength(2);
    expect(new Set(deletes).size, 'double deletes').toBe(2);
    expectTargetAsBefore(suite.world);
  });
});

describe('undo run: a delete whose answer is lost', () => {
  const FATES: [string, LostWriteFate, 'succeeded' | 'unknown'][] = [
    ['applied before the answer was lost', { applied: 'before' }, 'succeeded'],
    ['applied a moment later', { applied: 'later', afterMs: 100 }, 'succeeded'],
    ['never applied', { applied: 'never' }, 'unknown'],
  ];
  for (const [fate, lost, expected] of FATES) {
    it(`is never sent again: ${fate} → ${expected === 'succeeded' ? 'deleted, seen gone' : 'outcome unknown, left for the operator'}`, async () => {
      const { undo } = await promotedThenUndoQueued(suite.world);
      const graph = unreliableGraph(suite.world.graph, { which: (spec) => spec.method === 'DELETE', fate: lost });
      await executeRun({ ...suite.world.deps, graph }, undo.id);
      await Promise.all(graph.pending);
      const deletes = graph.sent.filter((spec) => spec.method === 'DELETE').map((spec) => spec.path);
      expect(deletes, 'each delete sent once').toHaveLength(2);
      expect(new Set(deletes).size).toBe(2);
      const items = (await suite.world.runs.items(undo.id)).items.filter((i) => i.action === 'delete');
      const unknown = items.filter((i) => i.outcomeUnknown);
      expect(unknown).toHaveLength(expected === 'unknown' ? 1 : 0);
      if (expected === 'unknown') expect(unknown[0]!.reason).toContain('It was not sent again.');
      expect(items.filter((i) => i.outcome === 'succeeded')).toHaveLength(expected === 'unknown' ? 1 : 2);
    });
  }
});
