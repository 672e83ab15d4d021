import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActorId } from '../../core/ids';
import type { ConversationStore } from '../../core/conversations/model';
import { MongoConversationStore } from '../../core/store/mongo-conversation-store';
import type { TestDb } from '../support/mongo';
import { at, freshWorkspace, makeConversation, storeDb, twoWorkspaces } from '../support/store-fixtures';

/** Behaviour every ConversationStore must show; `makeStore` may share one database across tests. */
function describeConversationStoreContract(makeStore: () => Promise<ConversationStore>) {
  describe('ConversationStore contract', () => {
    it('answers undefined for a conversation the bot never heard from', async () => {
      const store = await makeStore();
      expect(await store.get(freshWorkspace().workspaceId, '19:never@thread.tacv2')).toBeUndefined();
    });

    it('returns the saved reference unchanged', async () => {
      const store = await makeStore();
      const conversation = makeConversation({ workspaceId: freshWorkspace().workspaceId });
      await store.save(conversation);
      expect(await store.get(conversation.workspaceId, conversation.conversationId)).toEqual(conversation);
    });

    it('keeps only the latest save of a conversation', async () => {
      const store = await makeStore();
      const first = makeConversation({ workspaceId: freshWorkspace().workspaceId });
      const latest = { ...first, reference: { ...first.reference, serviceUrl: 'https://smba.trafficmanager.net/amer/' }, lastActorId: ActorId('actor-approver'), updatedAt: at(60_000) };
      await store.save(first);
      await store.save(latest);
      expect(await store.get(first.workspaceId, first.conversationId)).toEqual(latest);
    });

    describe('in another workspace', () => {
      it('does not return a conversation of workspace B while acting in workspace A', async () => {
        const store = await makeStore();
        const { a, b } = twoWorkspaces();
        const ofB = makeConversation({ workspaceId: b.workspaceId });
        await store.save(ofB);
        expect(await store.get(a.workspaceId, ofB.conversationId)).toBeUndefined();
      });

      it('keeps the same conversation apart in two workspaces', async () => {
        const store = await makeStore();
        const { a, b } = twoWorkspaces();
        const ofB = makeConversation({ workspaceId: b.workspaceId, lastActorId: ActorId('actor-of-b') });
        const ofA = makeConversation({ workspaceId: a.workspaceId, conversationId: ofB.conversationId, lastActorId: ActorId('actor-of-a') });
        await store.save(ofB);
        await store.save(ofA);
        expect(await store.get(b.workspaceId, ofB.conversationId)).toEqual(ofB);
        expect(await store.get(a.workspaceId, ofA.conversationId)).toEqual(ofA);
      });
    });
  });
}

let t: TestDb;
beforeAll(async () => {
  t = await storeDb('conversations');
});
afterAll(async () => {
  await t?.close();
});

describeConversationStoreContract(async () => new MongoConversationStore(t.db));
