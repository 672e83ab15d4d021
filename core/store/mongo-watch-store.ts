import { MongoServerError, type Db, type Filter } from 'mongodb';
import type { TenantId, WorkspaceId } from '../ids';
import type { CheckRecord, Watch } from '../watches/model';
import type { CheckLease, WatchStore } from '../watches/watch-store';
import { COLLECTIONS } from './collections';

type WatchDoc = Omit<Watch, 'id'> & { _id: string; lease?: CheckLease };

const toWatch = ({ _id, lease: _lease, ...rest }: WatchDoc): Watch => ({ ...rest, id: _id });
const toDoc = ({ id, ...rest }: Watch): WatchDoc => ({ ...rest, _id: id });
const isDuplicateKey = (error: unknown) => error instanceof MongoServerError && error.code === 11000;

/** WatchStore on MongoDB: one document per watch; a unique index keeps one watch per pair and conversation. */
export class MongoWatchStore implements WatchStore {
  constructor(private readonly db: Db) {}
  private get col() { return this.db.collection<WatchDoc>(COLLECTIONS.watches); }

  async insert(watch: Watch) {
    try {
      await this.col.insertOne(toDoc(watch));
      return 'created' as const;
    } catch (error) {
      if (isDuplicateKey(error)) return 'duplicate' as const;
      throw error;
    }
  }

  async replacePaused(watch: Watch) {
    const { deletedCount } = await this.col.deleteOne({ ...pairFilter(watch.workspaceId, watch.sourceTenantId, watch.targetTenantId, watch.conversation.id), status: 'paused' });
    return deletedCount === 1 && (await this.insert(watch)) === 'created';
  }

  async get(workspaceId: WorkspaceId, id: string) {
    const doc = await this.col.findOne({ _id: id, workspaceId });
    return doc ? toWatch(doc) : undefined;
  }

  async findInConversation(workspaceId: WorkspaceId, sourceTenantId: TenantId, targetTenantId: TenantId, conversationId: string) {
    const doc = await this.col.findOne(pairFilter(workspaceId, sourceTenantId, targetTenantId, conversationId));
    return doc ? toWatch(doc) : undefined;
  }

  async list(workspaceId: WorkspaceId) {
    return (await this.col.find({ workspaceId }).sort({ createdAt: 1, _id: 1 }).toArray()).map(toWatch);
  }

  async remove(workspaceId: WorkspaceId, id: string) {
    const doc = await this.col.findOneAndDelete({ _id: id, workspaceId });
    return doc ? toWatch(doc) : undefined;
  }

  async listDue(now: Date, limit: number) {
    return (await this.col.find({ status: 'active', nextCheckAt: { $lte: now } }).sort({ nextCheckAt: 1, _id: 1 }).limit(limit).toArray()).map(toWatch);
  }

  async claim(workspaceId: WorkspaceId, id: string, lease: { owner: string; now: Date; leaseMs: number; due?: Date }) {
    const filter: Filter<WatchDoc> = {
      _id: id,
      workspaceId,
      status: 'active',
      $or: [{ lease: { $exists: false } }, { 'lease.until': { $lte: lease.now } }],
      ...(lease.due ? { nextCheckAt: lease.due } : {}),
    };
    const doc = await this.col.findOneAndUpdate(filter, { $set: { lease: { owner: lease.owner, until: new Date(lease.now.getTime() + lease.leaseMs) } } }, { returnDocument: 'after' });
    return doc ? toWatch(doc) : undefined;
  }

  async renew(workspaceId: WorkspaceId, id: string, lease: { owner: string; now: Date; leaseMs: number }) {
    const held = { _id: id, workspaceId, 'lease.owner': lease.owner, 'lease.until': { $gt: lease.now } };
    const result = await this.col.updateOne(held, { $set: { 'lease.until': new Date(lease.now.getTime() + lease.leaseMs) } });
    return result.matchedCount === 1;
  }

  async record(workspaceId: WorkspaceId, id: string, owner: string, record: CheckRecord) {
    const set: Partial<WatchDoc> = { lastCheck: record.lastCheck };
    const unset: Record<string, ''> = { lease: '' };
    if (record.announced) set.announced = record.announced;
    if (record.unreadable === null) unset.unreadable = '';
    else if (record.unreadable) set.unreadable = record.unreadable;
    if (record.pause) Object.assign(set, { status: 'paused', pausedReason: record.pause.reason });
    if (record.nextCheckAt) set.nextCheckAt = record.nextCheckAt;
    const result = await this.col.updateOne({ _id: id, workspaceId, 'lease.owner': owner }, { $set: set, $unset: unset });
    return result.matchedCount === 1;
  }
}

function pairFilter(workspaceId: WorkspaceId, sourceTenantId: TenantId, targetTenantId: TenantId, conversationId: string): Filter<WatchDoc> {
  return { workspaceId, sourceTenantId, targetTenantId, 'conversation.id': conversationId };
}
