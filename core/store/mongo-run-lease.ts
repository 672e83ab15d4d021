import type { Db } from 'mongodb';
import { RunId } from '../ids';
import type { LeaseAttempt, LeaseGrant, RunLease } from '../runs/run-lease';
import { COLLECTIONS } from './collections';
import { isDuplicateKey } from './mongo-errors';

interface LeaseDoc { _id: string; owner: string; token: number; expiresAt: Date }

const toGrant = (doc: LeaseDoc): LeaseGrant => ({ runId: RunId(doc._id), owner: doc.owner, token: doc.token, expiresAt: doc.expiresAt });

/**
 * RunLease on MongoDB: one document per run, taken with a single conditional findOneAndUpdate (expired or absent),
 * so two executors racing for it cannot both win: the loser's upsert hits the unique `_id`.
 */
export class MongoRunLease implements RunLease {
  constructor(private readonly db: Db) {}

  private get leases() { return this.db.collection<LeaseDoc>(COLLECTIONS.runLeases); }

  async acquire(runId: RunId, owner: string, ttlMs: number, now: Date): Promise<LeaseAttempt> {
    const expiresAt = new Date(now.getTime() + ttlMs);
    try {
      const doc = await this.leases.findOneAndUpdate(
        { _id: String(runId), expiresAt: { $lte: now } },
        { $set: { owner, expiresAt }, $inc: { token: 1 } },
        { upsert: true, returnDocument: 'after' },
      );
      if (doc) return { kind: 'granted', grant: toGrant(doc) };
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    const holder = await this.leases.findOne({ _id: String(runId) });
    if (!holder) throw new Error(`the lease of run ${runId} could be neither taken nor read`);
    return { kind: 'held', owner: holder.owner, expiresAt: holder.expiresAt };
  }

  async renew(grant: LeaseGrant, ttlMs: number, now: Date): Promise<LeaseGrant | undefined> {
    // Matching on the token alone: an expired lease nobody took since is still this holder's to extend.
    const doc = await this.leases.findOneAndUpdate(
      { _id: String(grant.runId), token: grant.token },
      { $set: { expiresAt: new Date(now.getTime() + ttlMs) } },
      { returnDocument: 'after' },
    );
    return doc ? toGrant(doc) : undefined;
  }

  async release(grant: LeaseGrant): Promise<void> {
    await this.leases.updateOne({ _id: String(grant.runId), token: grant.token }, { $set: { expiresAt: new Date(0) } });
  }

  async holder(runId: RunId): Promise<LeaseGrant | undefined> {
    const doc = await this.leases.findOne({ _id: String(runId) });
    return doc ? toGrant(doc) : undefined;
  }
}
