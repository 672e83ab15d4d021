import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunId, TenantId } from '../../core/ids';
import type { PromotionRun } from '../../core/runs/model';
import type { RunStore } from '../../core/runs/run-store';
import { MongoRunStore } from '../../core/store/mongo-run-store';
import type { TestDb } from '../support/mongo';
import { FIXTURE_NOW } from '../support/inventory-builder';
import { at, freshWorkspace, makeRun, makeRunItem, storeDb, twoWorkspaces, type WorkspaceScope } from '../support/store-fixtures';

/** A run from the scope's source to its target, created `createdAtMs` after the fixture clock (later = newer). */
const runIn = (scope: WorkspaceScope, createdAtMs: number, overrides: Partial<PromotionRun> = {}) =>
  makeRun({ workspaceId: scope.workspaceId, sourceTenantId: scope.source, targetTenantId: scope.target, createdAt: at(createdAtMs), ...overrides });

/** Behaviour every RunStore must show; `makeStore` may share one database across tests. */
function describeRunStoreContract(makeStore: () => Promise<RunStore>) {
  describe('RunStore contract', () => {
    describe('run lock', () => {
      it('gives the lock to the first run, answers same_plan with the holder for the same plan and target_busy for another', async () => {
        const store = await makeStore();
        const target = freshWorkspace().target;
        const [first, second, third] = [RunId('run-1'), RunId('run-2'), RunId('run-3')];
        expect(await store.acquireLock(target, first, 'fp-1', FIXTURE_NOW)).toEqual({ kind: 'acquired' });
        expect(await store.acquireLock(target, second, 'fp-1', FIXTURE_NOW)).toEqual({ kind: 'same_plan', runId: first });
        expect(await store.acquireLock(target, third, 'fp-2', FIXTURE_NOW)).toEqual({ kind: 'target_busy', runId: first });
      });

      it('locks each target tenant on its own', async () => {
        const store = await makeStore();
        const { source, target } = freshWorkspace();
        expect(await store.acquireLock(target, RunId('run-1'), 'fp-1', FIXTURE_NOW)).toEqual({ kind: 'acquired' });
        expect(await store.acquireLock(source, RunId('run-2'), 'fp-2', FIXTURE_NOW)).toEqual({ kind: 'acquired' });
      });

      it('lets exactly one of ten simultaneous executions of the same plan acquire it; the others get its run', async () => {
        const store = await makeStore();
        const target = freshWorkspace().target;
        const runIds = Array.from({ length: 10 }, (_, i) => RunId(`run-${i}`));
        const results = await Promise.all(runIds.map((id) => store.acquireLock(target, id, 'fp-1', FIXTURE_NOW)));

        const winners = runIds.filter((_, i) => results[i]?.kind === 'acquired');
        expect(winners).toHaveLength(1);
        const others = results.filter((r) => r.kind !== 'acquired');
        expect(others).toEqual(Array(9).fill({ kind: 'same_plan', runId: winners[0] }));
      });

      it('lets exactly one of ten simultaneous executions of different plans acquire it; the others find the target busy', async () => {
        const store = await makeStore();
        const target = freshWorkspace().target;
        const results = await Promise.all(Array.from({ length: 10 }, (_, i) => store.acquireLock(target, RunId(`run-${i}`), `fp-${i}`, FIXTURE_NOW)));
        expect(results.filter((r) => r.kind === 'acquired')).toHaveLength(1);
        expect(results.filter((r) => r.kind === 'target_busy')).toHaveLength(9);
      });

      it('ignores a release by a run that does not hold the lock', async () => {
        const store = await makeStore();
        const target = freshWorkspace().target;
        await store.acquireLock(target, RunId('holder'), 'fp-1', FIXTURE_NOW);
        await store.releaseLock(target, RunId('intruder'));
        expect(await store.acquireLock(target, RunId('next'), 'fp-2', FIXTURE_NOW)).toEqual({ kind: 'target_busy', runId: RunId('holder') });
      });

      it('frees the target when the holder releases it', async () => {
        const store = await makeStore();
        const target = freshWorkspace().target;
        await store.acquireLock(target, RunId('holder'), 'fp-1', FIXTURE_NOW);
        await store.releaseLock(target, RunId('holder'));
        expect(await store.acquireLock(target, RunId('next'), 'fp-2', FIXTURE_NOW)).toEqual({ kind: 'acquired' });
      });
    });

    describe('runs', () => {
      it('returns an inserted run as written', async () => {
        const store = await makeStore();
        const run = runIn(freshWorkspace(), 0);
        await store.insert(run);
        expect(await store.get(run.workspaceId, run.id)).toEqual(run);
        expect(await store.getForWorker(run.id)).toEqual(run);
      });

      it('answers undefined for an unknown run', async () => {
        const store = await makeStore();
        const { workspaceId } = freshWorkspace();
        expect(await store.get(workspaceId, RunId('run-missing'))).toBeUndefined();
        expect(await store.getForWorker(RunId('run-missing'))).toBeUndefined();
      });

      it('applies status, summary, progress and conversation updates', async () => {
        const store = await makeStore();
        const run = runIn(freshWorkspace(), 0);
        await store.insert(run);
        const summary = { total: 1, processed: 1, succeeded: 1, failed: 0, skipped: 0 };
        const conversation = { conversationId: '19:abc@thread.tacv2', activityId: 'act-1' };
        await store.update(run.id, { status: 'running', startedAt: at(1_000), currentItem: 'Baseline', conversation });
        await store.update(run.id, { status: 'succeeded', summary, verified: 1, finishedAt: at(2_000) });

        expect(await store.get(run.workspaceId, run.id)).toEqual({
          ...run,
          status: 'succeeded',
          summary,
          verified: 1,
          currentItem: 'Baseline',
          conversation,
          startedAt: at(1_000),
          finishedAt: at(2_000),
        });
      });

      it('lists runs newest first, page by page, with the total', async () => {
        const store = await makeStore();
        const scope = freshWorkspace();
        const runs = [0, 1, 2, 3, 4].map((i) => runIn(scope, i * 1_000));
        for (const run of runs) await store.insert(run);

        const first = await store.list({ workspaceId: scope.workspaceId, offset: 0, limit: 2 });
        const second = await store.list({ workspaceId: scope.workspaceId, offset: 2, limit: 2 });
        const last = await store.list({ workspaceId: scope.workspaceId, offset: 4, limit: 2 });
        expect([first.total, second.total, last.total]).toEqual([5, 5, 5]);
        expect([...first.runs, ...second.runs, ...last.runs].map((r) => r.id)).toEqual(runs.map((r) => r.id).reverse());
      });

      it('lists runs without their plan and exclusions', async () => {
        const store = await makeStore();
        const run = runIn(freshWorkspace(), 0);
        await store.insert(run);
        const { runs } = await store.list({ workspaceId: run.workspaceId, offset: 0, limit: 10 });
        const { plan: _plan, excluded: _excluded, ...entry } = run;
        expect(runs).toEqual([entry]);
      });

      it('filters the list by status', async () => {
        const store = await makeStore();
        const scope = freshWorkspace();
        const failed = runIn(scope, 1, { status: 'failed' });
        await store.insert(runIn(scope, 0, { status: 'succeeded' }));
        await store.insert(failed);
        await store.insert(runIn(scope, 2, { status: 'queued' }));
        const result = await store.list({ workspaceId: scope.workspaceId, status: 'failed', offset: 0, limit: 10 });
        expect(result.runs.map((r) => r.id)).toEqual([failed.id]);
        expect(result.total).toBe(1);
      });

      it('filters the list by a tenant on either side of the run', async () => {
        const store = await makeStore();
        const scope = freshWorkspace();
        const other = TenantId(freshWorkspace().target);
        const toTarget = runIn(scope, 0);
        const fromTarget = runIn(scope, 1, { sourceTenantId: scope.target, targetTenantId: other });
        const unrelated = runIn(scope, 2, { targetTenantId: other });
        for (const run of [toTarget, fromTarget, unrelated]) await store.insert(run);

        const result = await store.list({ workspaceId: scope.workspaceId, tenantId: scope.target, offset: 0, limit: 10 });
        expect(result.runs.map((r) => r.id)).toEqual([fromTarget.id, toTarget.id]);
        expect(result.total).toBe(2);
      });

      it('lists only runs whose source and target the member may both see', async () => {
        const store = await makeStore();
        const scope = freshWorkspace();
        const hidden = TenantId(freshWorkspace().target);
        const visible = runIn(scope, 0);
        await store.insert(visible);
        await store.insert(runIn(scope, 1, { targetTenantId: hidden }));
        await store.insert(runIn(scope, 2, { sourceTenantId: hidden }));

        const result = await store.list({ workspaceId: scope.workspaceId, visibleTenantIds: [scope.source, scope.target], offset: 0, limit: 10 });
        expect(result.runs.map((r) => r.id)).toEqual([visible.id]);
        expect(result.total).toBe(1);
        const none = await store.list({ workspaceId: scope.workspaceId, visibleTenantIds: [], offset: 0, limit: 10 });
        expect(none).toEqual({ runs: [], total: 0 });
      });

      it('finds runs by the start of their id, only within the workspace asked for', async () => {
        const store = await makeStore();
        const { a, b } = twoWorkspaces();
        const mine = runIn(a, 0, { id: RunId('3f9c2a1b-0000-4000-8000-000000000001') });
        const sibling = runIn(a, 1, { id: RunId('3f9c2a77-0000-4000-8000-000000000002') });
        const foreign = runIn(b, 2, { id: RunId('3f9c2a1b-0000-4000-8000-000000000003') });
        for (const run of [mine, sibling, foreign]) await store.insert(run);

        const unique = await store.list({ workspaceId: a.workspaceId, idPrefix: '3f9c2a1b', offset: 0, limit: 2 });
        expect(unique.runs.map((r) => r.id)).toEqual([mine.id]);
        const shared = await store.list({ workspaceId: a.workspaceId, idPrefix: '3f9c2a', offset: 0, limit: 2 });
        expect(shared.runs.map((r) => r.id).sort()).toEqual([mine.id, sibling.id].sort());
        expect(await store.list({ workspaceId: a.workspaceId, idPrefix: '3f9c2b', offset: 0, limit: 2 })).toEqual({ runs: [], total: 0 });
      });

      it('names the latest run of each target tenant', async () => {
        const store = await makeStore();
        const scope = freshWorkspace();
        const secondTarget = TenantId(freshWorkspace().target);
        const latestOfTarget = runIn(scope, 2_000, { status: 'failed' });
        const onlyOfSecond = runIn(scope, 1_000, { targetTenantId: secondTarget });
        await store.insert(runIn(scope, 0));
        await store.insert(latestOfTarget);
        await store.insert(onlyOfSecond);

        const latest = await store.latestPerTarget(scope.workspaceId);
        expect([...latest.keys()].sort()).toEqual([scope.target, secondTarget].sort());
        expect(latest.get(scope.target)?.id).toBe(latestOfTarget.id);
        expect(latest.get(scope.target)?.status).toBe('failed');
        expect(latest.get(secondTarget)?.id).toBe(onlyOfSecond.id);
      });

      it('still names the last run of a quiet target after hundreds of runs on a busy one', async () => {
        const store = await makeStore();
        const scope = freshWorkspace();
        const quietTarget = TenantId(freshWorkspace().target);
        const quiet = runIn(scope, 0, { targetTenantId: quietTarget });
        await store.insert(quiet);
        for (let i = 1; i <= 501; i++) await store.insert(runIn(scope, i * 1_000));

        const latest = await store.latestPerTarget(scope.workspaceId);
        expect(latest.get(quietTarget)?.id).toBe(quiet.id);
        expect(latest.get(scope.target)?.createdAt).toEqual(at(501_000));
      });
    });

    describe('item results', () => {
      it('records an item once: a second record of the same index is refused and the first result stays', async () => {
        const store = await makeStore();
        const runId = RunId(`run-${freshWorkspace().workspaceId}`);
        const first = makeRunItem(runId, 0, { outcome: 'succeeded', targetId: 't-created' });
        expect(await store.recordItem(first)).toBe(true);
        expect(await store.recordItem(makeRunItem(runId, 0, { outcome: 'failed', reason: 'Graph answered 500', at: at(5_000) }))).toBe(false);

        expect(await store.items(runId)).toEqual({ items: [first], total: 1 });
        expect(await store.itemCounts(runId)).toEqual({ succeeded: 1, failed: 0, skipped: 0 });
      });

      it('keeps the same index of two runs apart', async () => {
        const store = await makeStore();
        const [runA, runB] = [RunId(`run-a-${freshWorkspace().workspaceId}`), RunId(`run-b-${freshWorkspace().workspaceId}`)];
        expect(await store.recordItem(makeRunItem(runA, 0))).toBe(true);
        expect(await store.recordItem(makeRunItem(runB, 0, { outcome: 'skipped' }))).toBe(true);
        expect(await store.itemCounts(runA)).toEqual({ succeeded: 1, failed: 0, skipped: 0 });
        expect(await store.itemCounts(runB)).toEqual({ succeeded: 0, failed: 0, skipped: 1 });
      });

      it('counts recorded outcomes and pages items in plan order', async () => {
        const store = await makeStore();
        const runId = RunId(`run-${freshWorkspace().workspaceId}`);
        const outcomes = ['failed', 'succeeded', 'skipped', 'succeeded', 'succeeded'] as const;
        for (const i of [3, 0, 4, 1, 2]) await store.recordItem(makeRunItem(runId, i, { outcome: outcomes[i] }));

        expect(await store.itemCounts(runId)).toEqual({ succeeded: 3, failed: 1, skipped: 1 });
        const page = await store.items(runId, { offset: 1, limit: 3 });
        expect(page.total).toBe(5);
        expect(page.items.map((item) => [item.index, item.outcome])).toEqual([[1, 'succeeded'], [2, 'skipped'], [3, 'succeeded']]);
      });

      it('counts nothing for a run without items', async () => {
        const store = await makeStore();
        const runId = RunId('run-without-items');
        expect(await store.itemCounts(runId)).toEqual({ succeeded: 0, failed: 0, skipped: 0 });
        expect(await store.items(runId)).toEqual({ items: [], total: 0 });
      });
    });

    describe('in another workspace', () => {
      it('does not return a run of workspace B while acting in workspace A', async () => {
        const store = await makeStore();
        const { a, b } = twoWorkspaces();
        const runOfB = runIn(b, 0);
        await store.insert(runOfB);
        expect(await store.get(a.workspaceId, runOfB.id)).toBeUndefined();
      });

      it('does not list or count runs of workspace B in workspace A, whatever the filter', async () => {
        const store = await makeStore();
        const { a, b } = twoWorkspaces();
        const runOfA = runIn(a, 0);
        await store.insert(runOfA);
        await store.insert(runIn(b, 1));
        await store.insert(runIn(b, 2, { sourceTenantId: a.source, targetTenantId: a.target }));

        expect(await store.list({ workspaceId: a.workspaceId, offset: 0, limit: 10 })).toMatchObject({ runs: [{ id: runOfA.id }], total: 1 });
        expect((await store.list({ workspaceId: a.workspaceId, tenantId: b.target, offset: 0, limit: 10 })).total).toBe(0);
        expect((await store.list({ workspaceId: a.workspaceId, tenantId: a.target, offset: 0, limit: 10 })).total).toBe(1);
        const visible = await store.list({ workspaceId: a.workspaceId, visibleTenantIds: [a.source, a.target, b.source, b.target], offset: 0, limit: 10 });
        expect(visible.runs.map((r) => r.id)).toEqual([runOfA.id]);
      });

      it('names no target of workspace B among the latest runs of workspace A', async () => {
        const store = await makeStore();
        const { a, b } = twoWorkspaces();
        await store.insert(runIn(a, 0));
        await store.insert(runIn(b, 1));
        expect([...(await store.latestPerTarget(a.workspaceId)).keys()]).toEqual([a.target]);
      });
    });
  });
}

let t: TestDb;
beforeAll(async () => {
  t = await storeDb('runs');
});
afterAll(async () => {
  await t?.close();
});

describeRunStoreContract(async () => new MongoRunStore(t.db));
