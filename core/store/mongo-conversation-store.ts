import type { Db } from 'mongodb';
import type { ConversationStore, StoredConversation } from '../conversations/model';
import type { WorkspaceId } from '../ids';
import { COLLECTIONS } from './collections';

type ConversationDoc = StoredConversation & { _id: string };

/** ConversationStore on MongoDB, keyed by workspace and conversation. */
export class MongoConversationStore implements ConversationStore {
  constructor(private readonly db: Db) {}
  private get col() { return this.db.collection<ConversationDoc>(COLLECTIONS.conversations); }

  async save(c: StoredConversation) {
    await this.col.replaceOne({ _id: `${c.workspaceId}:${c.conversationId}` }, c, { upsert: true });
  }

  async get(workspaceId: WorkspaceId, conversationId: string) {
    const doc = await this.col.findOne({ _id: `${workspaceId}:${conversationId}`, workspaceId });
    if (!doc) return undefined;
    const { _id, ...rest } = doc;
    return rest;
  }
}
