import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActorId } from '../../core/ids';
import type { ControlStore } from '../../core/controls/model';
import { MongoControlStore } from '../../core/store/mongo-control-store';
import type { TestDb } from '../support/mongo';
import { at, freshWorkspace, makeControl, storeDb, twoWorkspaces } from '../support/store-fixtures';

/** Behaviour every ControlStore must show; `makeStore` may share one database across tests. */
function describeControlStoreContract(makeStore: () => Promise<ControlStore>) {
  describe('ControlStore contract', () => {
    it('answers undefined for a control never set, so the operation runs', async () => {
      const store = await makeStore();
      expect(await store.get(freshWorkspace().workspaceId, 'promotion.execute')).toBeUndefined();
    });

    it('shows promotions paused, then resumed, with who changed them last and why', async () => {
      const store = await makeStore();
      const { workspaceId } = freshWorkspace();
      const paused = makeControl({ workspaceId, paused: true, reason: 'change freeze', changedAt: at(0) });
      await store.set(paused);
      expect(await store.get(workspaceId, 'promotion.execute')).toEqual(paused);

      const resumed = makeControl({ workspaceId, paused: false, reason: 'freeze lifted', changedBy: ActorId('actor-other-admin'), changedAt: at(60_000) });
      await store.set(resumed);
      expect(await store.get(workspaceId, 'promotion.execute')).toEqual(resumed);
    });

    describe('in another workspace', () => {
      it('does not show a pause of workspace B in workspace A', async () => {
        const store = await makeStore();
        const { a, b } = twoWorkspaces();
        await store.set(makeControl({ workspaceId: b.workspaceId, paused: true }));
        expect(await store.get(a.workspaceId, 'promotion.execute')).toBeUndefined();
      });

      it('leaves the control of workspace B as it was when workspace A changes its own', async () => {
        const store = await makeStore();
        const { a, b } = twoWorkspaces();
        const ofB = makeControl({ workspaceId: b.workspaceId, paused: true, reason: 'incident' });
        await store.set(ofB);
        await store.set(makeControl({ workspaceId: a.workspaceId, paused: false, reason: 'routine' }));
        expect(await store.get(b.workspaceId, 'promotion.execute')).toEqual(ofB);
        expect((await store.get(a.workspaceId, 'promotion.execute'))?.paused).toBe(false);
      });
    });
  });
}

let t: TestDb;
beforeAll(async () => {
  t = await storeDb('controls');
});
afterAll(async () => {
  await t?.close();
});

describeControlStoreContract(async () => new MongoControlStore(t.db));
