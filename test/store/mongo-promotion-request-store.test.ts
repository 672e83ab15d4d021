import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PromotionRequestStore } from '../../core/promotion/request';
import { MongoPromotionRequestStore } from '../../core/store/mongo-promotion-request-store';
import type { TestDb } from '../support/mongo';
import { at, freshWorkspace, makePromotionRequest, storeDb, twoWorkspaces } from '../support/store-fixtures';

/** Behaviour every PromotionRequestStore must show; `makeStore` may share one database across tests. */
function describePromotionRequestStoreContract(makeStore: () => Promise<PromotionRequestStore>) {
  describe('PromotionRequestStore contract', () => {
    it('returns an inserted request as written, still open', async () => {
      const store = await makeStore();
      const request = makePromotionRequest({ workspaceId: freshWorkspace().workspaceId, requesterAddress: { id: '29:1abc', name: 'Adele Vance' } });
      await store.insert(request);
      const read = await store.get(request.workspaceId, request.id);
      expect(read).toEqual(request);
      expect(read?.closedAt).toBeUndefined();
    });

    it('answers undefined for an unknown request', async () => {
      const store = await makeStore();
      expect(await store.get(freshWorkspace().workspaceId, 'req-missing')).toBeUndefined();
    });

    it('closes a request once, with its run; a second close is refused and changes nothing', async () => {
      const store = await makeStore();
      const request = makePromotionRequest({ workspaceId: freshWorkspace().workspaceId });
      await store.insert(request);
      expect(await store.close(request.workspaceId, request.id, at(1_000), 'run-1')).toBe(true);
      expect(await store.close(request.workspaceId, request.id, at(2_000), 'run-2')).toBe(false);
      expect(await store.get(request.workspaceId, request.id)).toEqual({ ...request, closedAt: at(1_000), runId: 'run-1' });
    });

    it('closes a cancelled request without a run', async () => {
      const store = await makeStore();
      const request = makePromotionRequest({ workspaceId: freshWorkspace().workspaceId });
      await store.insert(request);
      expect(await store.close(request.workspaceId, request.id, at(1_000))).toBe(true);
      expect(await store.get(request.workspaceId, request.id)).toEqual({ ...request, closedAt: at(1_000) });
    });

    it('lets exactly one of five simultaneous confirmations close a request', async () => {
      const store = await makeStore();
      const request = makePromotionRequest({ workspaceId: freshWorkspace().workspaceId });
      await store.insert(request);
      const results = await Promise.all([0, 1, 2, 3, 4].map((i) => store.close(request.workspaceId, request.id, at(i), `run-${i}`)));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('refuses to close an unknown request', async () => {
      const store = await makeStore();
      expect(await store.close(freshWorkspace().workspaceId, 'req-missing', at(0))).toBe(false);
    });

    describe('in another workspace', () => {
      it('does not return a request of workspace B while acting in workspace A', async () => {
        const store = await makeStore();
        const { a, b } = twoWorkspaces();
        const ofB = makePromotionRequest({ workspaceId: b.workspaceId });
        await store.insert(ofB);
        expect(await store.get(a.workspaceId, ofB.id)).toBeUndefined();
      });

      it('cannot close a request of workspace B from workspace A, which stays open for B', async () => {
        const store = await makeStore();
        const { a, b } = twoWorkspaces();
        const ofB = makePromotionRequest({ workspaceId: b.workspaceId });
        await store.insert(ofB);
        expect(await store.close(a.workspaceId, ofB.id, at(0), 'run-forged')).toBe(false);
        expect(await store.get(b.workspaceId, ofB.id)).toEqual(ofB);
        expect(await store.close(b.workspaceId, ofB.id, at(1))).toBe(true);
      });
    });
  });
}

let t: TestDb;
beforeAll(async () => {
  t = await storeDb('requests');
});
afterAll(async () => {
  await t?.close();
});

describePromotionRequestStoreContract(async () => new MongoPromotionRequestStore(t.db));
