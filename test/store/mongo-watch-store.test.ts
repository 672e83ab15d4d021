import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoWatchStore } from '../../core/store/mongo-watch-store';
import type { WatchResult } from '../../core/watches/model';
import type { WatchStore } from '../../core/watches/watch-store';
import type { TestDb } from '../support/mongo';
import { at, freshWorkspace, makeWatch, storeDb, twoWorkspaces } from '../support/store-fixtures';

const result: WatchResult = {
  differences: [{ type: 'settingsCatalog', displayName: 'Win - Defender Antivirus', state: 'missing_in_target', hash: 'a1b2c3d4e5f60718' }],
  counts: { in_sync: 3, different: 0, missing_in_target: 1, only_in_target: 0, ambiguous: 0 },
  fingerprint: 'f'.repeat(64),
};
const lease = (owner: string, offsetMs = 0, extra: { due?: Date } = {}) => ({ owner, now: at(offsetMs), leaseMs: 60_000, ...extra });

/** Behaviour every WatchStore must show; `makeStore` may share one database across tests. */
function describeWatchStoreContract(makeStore: () => Promise<WatchStore>) {
  describe('WatchStore contract', () => {
    it('returns an inserted watch as written and lists it in its workspace', async () => {
      const store = await makeStore();
      const watch = makeWatch(freshWorkspace(), { types: ['compliancePolicy'], includeAssignments: false, intervalHours: 6 });
      expect(await store.insert(watch)).toBe('created');
      expect(await store.get(watch.workspaceId, watch.id)).toEqual(watch);
      expect(await store.list(watch.workspaceId)).toEqual([watch]);
      expect(await store.findInConversation(watch.workspaceId, watch.sourceTenantId, watch.targetTenantId, watch.conversation.id)).toEqual(watch);
    });

    it('refuses a second watch of the same pair in the same conversation, and allows it in another conversation', async () => {
      const store = await makeStore();
      const scope = freshWorkspace();
      const first = makeWatch(scope);
      await store.insert(first);
      expect(await store.insert(makeWatch(scope, { conversation: first.conversation }))).toBe('duplicate');
      expect(await store.insert(makeWatch(scope))).toBe('created');
      expect(await store.list(scope.workspaceId)).toHaveLength(2);
    });

    it('replaces a paused watch of the pair and conversation, but never an active one', async () => {
      const store = await makeStore();
      const scope = freshWorkspace();
      const old = makeWatch(scope);
      await store.insert(old);
      const again = makeWatch(scope, { conversation: old.conversation, createdAt: at(5_000) });
      expect(await store.replacePaused(again)).toBe(false);
      await store.claim(old.workspaceId, old.id, lease('w1'));
      await store.record(old.workspaceId, old.id, 'w1', { lastCheck: { at: at(1), outcome: 'paused' }, pause: { reason: 'lost access' } });
      expect(await store.replacePaused(again)).toBe(true);
      expect(await store.list(scope.workspaceId)).toEqual([again]);
    });

    it('removes a watch once', async () => {
      const store = await makeStore();
      const watch = makeWatch(freshWorkspace());
      await store.insert(watch);
      expect(await store.remove(watch.workspaceId, watch.id)).toEqual(watch);
      expect(await store.remove(watch.workspaceId, watch.id)).toBeUndefined();
      expect(await store.get(watch.workspaceId, watch.id)).toBeUndefined();
    });

    it('lists due active watches across workspaces, soonest first, and not paused or future ones', async () => {
      const store = await makeStore();
      const { a, b } = twoWorkspaces();
      const far = new Date('2999-01-01T00:00:00Z');
      const later = makeWatch(a, { nextCheckAt: at(-1_000) });
      const sooner = makeWatch(b, { nextCheckAt: at(-2_000) });
      const future = makeWatch(a, { nextCheckAt: far });
      const paused = makeWatch(b, { nextCheckAt: at(-3_000), status: 'paused', pausedReason: 'lost access' });
      for (const w of [later, sooner, future, paused]) await store.insert(w);
      const due = (await store.listDue(at(0), 1_000)).filter((w) => [a.workspaceId, b.workspaceId].includes(w.workspaceId));
      expect(due.map((w) => w.id)).toEqual([sooner.id, later.id]);
    });

    it('lets exactly one of five workers claim a due check, and hands it over once the lease expired', async () => {
      const store = await makeStore();
      const watch = makeWatch(freshWorkspace());
      await store.insert(watch);
      const claims = await Promise.all([0, 1, 2, 3, 4].map((i) => store.claim(watch.workspaceId, watch.id, lease(`w${i}`, 0, { due: watch.nextCheckAt }))));
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await store.claim(watch.workspaceId, watch.id, lease('late', 59_999))).toBeUndefined();
      expect(await store.claim(watch.workspaceId, watch.id, lease('late', 60_000))).toMatchObject({ id: watch.id });
    });

    it('renews a lease only for its unexpired holder, so a check that outlasted its lease never posts', async () => {
      const store = await makeStore();
      const watch = makeWatch(freshWorkspace());
      await store.insert(watch);
      await store.claim(watch.workspaceId, watch.id, lease('w1'));
      expect(await store.renew(watch.workspaceId, watch.id, lease('intruder', 1))).toBe(false);
      expect(await store.renew(watch.workspaceId, watch.id, lease('w1', 59_000))).toBe(true);
      // Renewed from 59 s: still held at 100 s, so nobody else can claim it.
      expect(await store.claim(watch.workspaceId, watch.id, lease('w2', 100_000))).toBeUndefined();
      expect(await store.claim(watch.workspaceId, watch.id, lease('w2', 119_000))).toMatchObject({ id: watch.id });
      expect(await store.renew(watch.workspaceId, watch.id, lease('w1', 119_001))).toBe(false);
    });

    it('claims a scheduled check only while the watch is still due at that time', async () => {
      const store = await makeStore();
      const watch = makeWatch(freshWorkspace());
      await store.insert(watch);
      await store.claim(watch.workspaceId, watch.id, lease('w1', 0, { due: watch.nextCheckAt }));
      expect(await store.record(watch.workspaceId, watch.id, 'w1', { lastCheck: { at: at(1), outcome: 'compared', differences: 1, posted: true }, announced: result, nextCheckAt: at(86_400_000) })).toBe(true);
      expect(await store.claim(watch.workspaceId, watch.id, lease('w2', 2, { due: watch.nextCheckAt }))).toBeUndefined();
      expect(await store.claim(watch.workspaceId, watch.id, lease('w2', 2))).toMatchObject({ id: watch.id, announced: result, nextCheckAt: at(86_400_000) });
    });

    it('records a check only for the lease holder, and sets or clears the unreadable state', async () => {
      const store = await makeStore();
      const watch = makeWatch(freshWorkspace());
      await store.insert(watch);
      await store.claim(watch.workspaceId, watch.id, lease('w1'));
      const unreadable = { tenantIds: [watch.targetTenantId], since: at(1) };
      expect(await store.record(watch.workspaceId, watch.id, 'intruder', { lastCheck: { at: at(1), outcome: 'failed' } })).toBe(false);
      expect(await store.record(watch.workspaceId, watch.id, 'w1', { lastCheck: { at: at(1), outcome: 'unreadable', tenantNames: ['Contoso Lab'] }, unreadable })).toBe(true);
      expect(await store.record(watch.workspaceId, watch.id, 'w1', { lastCheck: { at: at(2), outcome: 'failed' } })).toBe(false);
      expect(await store.get(watch.workspaceId, watch.id)).toEqual({ ...watch, lastCheck: { at: at(1), outcome: 'unreadable', tenantNames: ['Contoso Lab'] }, unreadable });
      await store.claim(watch.workspaceId, watch.id, lease('w2', 3));
      await store.record(watch.workspaceId, watch.id, 'w2', { lastCheck: { at: at(3), outcome: 'compared', differences: 1, posted: true }, announced: result, unreadable: null });
      expect((await store.get(watch.workspaceId, watch.id))?.unreadable).toBeUndefined();
    });

    it('does not claim a paused watch', async () => {
      const store = await makeStore();
      const watch = makeWatch(freshWorkspace(), { status: 'paused', pausedReason: 'lost access' });
      await store.insert(watch);
      expect(await store.claim(watch.workspaceId, watch.id, lease('w1'))).toBeUndefined();
    });

    describe('in another workspace', () => {
      it('does not return a watch of workspace B while acting in workspace A', async () => {
        const store = await makeStore();
        const { a, b } = twoWorkspaces();
        const ofB = makeWatch(b);
        await store.insert(ofB);
        expect(await store.get(a.workspaceId, ofB.id)).toBeUndefined();
        expect(await store.list(a.workspaceId)).toEqual([]);
        expect(await store.findInConversation(a.workspaceId, ofB.sourceTenantId, ofB.targetTenantId, ofB.conversation.id)).toBeUndefined();
      });

      it('cannot remove a watch of workspace B from workspace A, which keeps it', async () => {
        const store = await makeStore();
        const { a, b } = twoWorkspaces();
        const ofB = makeWatch(b);
        await store.insert(ofB);
        expect(await store.remove(a.workspaceId, ofB.id)).toBeUndefined();
        expect(await store.get(b.workspaceId, ofB.id)).toEqual(ofB);
      });

      it('cannot claim or record a check of workspace B from workspace A', async () => {
        const store = await makeStore();
        const { a, b } = twoWorkspaces();
        const ofB = makeWatch(b);
        await store.insert(ofB);
        expect(await store.claim(a.workspaceId, ofB.id, lease('w1'))).toBeUndefined();
        await store.claim(b.workspaceId, ofB.id, lease('w1'));
        expect(await store.record(a.workspaceId, ofB.id, 'w1', { lastCheck: { at: at(1), outcome: 'failed' } })).toBe(false);
        expect((await store.get(b.workspaceId, ofB.id))?.lastCheck).toBeUndefined();
      });

      it('does not replace a paused watch of workspace B from workspace A', async () => {
        const store = await makeStore();
        const { a, b } = twoWorkspaces();
        const ofB = makeWatch(b, { status: 'paused', pausedReason: 'lost access' });
        await store.insert(ofB);
        const forged = makeWatch({ ...a, source: b.source, target: b.target }, { conversation: ofB.conversation });
        expect(await store.replacePaused(forged)).toBe(false);
        expect(await store.get(b.workspaceId, ofB.id)).toEqual(ofB);
      });
    });
  });
}

let t: TestDb;
beforeAll(async () => {
  t = await storeDb('watches');
});
afterAll(async () => {
  await t?.close();
});

describeWatchStoreContract(async () => new MongoWatchStore(t.db));
