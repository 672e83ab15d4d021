import type { Db } from 'mongodb';
import type { WorkspaceId } from '../ids';
import type { PromotionRequest, PromotionRequestStore } from '../promotion/request';
import { COLLECTIONS } from './collections';

type RequestDoc = Omit<PromotionRequest, 'id'> & { _id: string };

/** PromotionRequestStore on MongoDB. */
export class MongoPromotionRequestStore implements PromotionRequestStore {
  constructor(private readonly db: Db) {}
  private get col() { return this.db.collection<RequestDoc>(COLLECTIONS.promotionRequests); }

  async insert({ id, ...rest }: PromotionRequest) {
    await this.col.insertOne({ ...rest, _id: id });
  }

  async get(workspaceId: WorkspaceId, id: string) {
    const doc = await this.col.findOne({ _id: id, workspaceId });
    if (!doc) return undefined;
    const { _id, ...rest } = doc;
    return { ...rest, id: _id };
  }

  async close(workspaceId: WorkspaceId, id: string, at: Date, runId?: string) {
    const result = await this.col.updateOne(
      { _id: id, workspaceId, closedAt: { $exists: false } },
      { $set: { closedAt: at, ...(runId ? { runId } : {}) } },
    );
    return result.modifiedCount === 1;
  }
}
