import type { Db, UpdateFilter } from 'mongodb';
import { RunId, TenantId, type WorkspaceId } from '../ids';
import { ACTIVE_RUN_STATUSES, type ItemVerification, type PromotionRun, type RunItemResult } from '../runs/model';
import type { RunListEntry, RunLockResult, RunPatch, RunQuery, RunStore } from '../runs/run-store';
import { COLLECTIONS } from './collections';
import { isDuplicateKey } from './mongo-errors';

type RunDoc = Omit<PromotionRun, 'id'> & { _id: string };
type ItemDoc = RunItemResult & { _id: string };
interface LockDoc { _id: string; runId: string; planFingerprint: string; at: Date }

const toRun = ({ _id, ...rest }: RunDoc): PromotionRun => ({ ...rest, id: RunId(_id) });
const toEntry = ({ _id, plan: _p, excluded: _e, ...rest }: Partial<RunDoc> & Omit<RunDoc, 'plan' | 'excluded'>): RunListEntry => ({ ...rest, id: RunId(_id) });
const toItem = ({ _id: _ignored, ...rest }: ItemDoc): RunItemResult => rest;

/** RunStore on MongoDB: the run lock is a document keyed by target tenant (unique `_id`). */
export class MongoRunStore implements RunStore {
  constructor(private readonly db: Db) {}

  private get runs() { return this.db.collection<RunDoc>(COLLECTIONS.runs); }
  private get itemsCol() { return this.db.collection<ItemDoc>(COLLECTIONS.runItems); }
  private get locks() { return this.db.collection<LockDoc>(COLLECTIONS.runLocks); }

  async acquireLock(target: TenantId, runId: RunId, planFingerprint: string, now: Date): Promise<RunLockResult> {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await this.locks.insertOne({ _id: String(target), runId: String(runId), planFingerprint, at: now });
        return { kind: 'acquired' };
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
      const holder = await this.locks.findOne({ _id: String(target) });
      if (holder) {
        return holder.planFingerprint === planFingerprint
          ? { kind: 'same_plan', runId: RunId(holder.runId) }
          : { kind: 'target_busy', runId: RunId(holder.runId) };
      }
    }
    throw new Error('run lock kept changing hands');
  }

  async releaseLock(target: TenantId, runId: RunId) {
    await this.locks.deleteOne({ _id: String(target), runId: String(runId) });
  }

  async insert(run: PromotionRun) {
    const { id, ...rest } = run;
    await this.runs.insertOne({ ...rest, _id: String(id) });
  }

  async get(workspaceId: WorkspaceId, runId: RunId) {
    const doc = await this.runs.findOne({ _id: String(runId), workspaceId });
    return doc ? toRun(doc) : undefined;
  }

  async getForWorker(runId: RunId) {
    const doc = await this.runs.findOne({ _id: String(runId) });
    return doc ? toRun(doc) : undefined;
  }

  async list(q: RunQuery) {
    const filter: Record<string, unknown> = { workspaceId: q.workspaceId };
    if (q.visibleTenantIds) {
      filter.sourceTenantId = { $in: q.visibleTenantIds };
      filter.targetTenantId = { $in: q.visibleTenantIds };
    }
    if (q.tenantId) filter.$or = [{ sourceTenantId: q.tenantId }, { targetTenantId: q.tenantId }];
    if (q.status) filter.status = q.status;
    // A range on _id rather than a regex: portable to every backend and served by the _id index.
    if (q.idPrefix) filter._id = { $gte: q.idPrefix, $lt: `${q.idPrefix}\uffff` };
    const [docs, total] = await Promise.all([
      this.runs.find(filter, { projection: { plan: 0, excluded: 0 } }).sort({ createdAt: -1, _id: -1 }).skip(q.offset).limit(q.limit).toArray(),
      this.runs.countDocuments(filter),
    ]);
    return { runs: docs.map(toEntry), total };
  }

  async latestPerTarget(workspaceId: WorkspaceId) {
    // One indexed read per target ({workspaceId, targetTenantId, createdAt}): a fixed window of recent runs
    // would drop quiet targets once a busy one filled it.
    const targets = await this.runs.distinct('targetTenantId', { workspaceId });
    const docs = await Promise.all(
      targets.map((target) =>
        this.runs.findOne({ workspaceId, targetTenantId: target }, { projection: { plan: 0, excluded: 0 }, sort: { createdAt: -1, _id: -1 } }),
      ),
    );
    const latest = new Map<TenantId, RunListEntry>();
    for (const d of docs) if (d) latest.set(TenantId(d.targetTenantId), toEntry(d));
    return latest;
  }

  async update(runId: RunId, patch: RunPatch) {
    const set: Record<string, unknown> = {};
    const unset: Record<string, ''> = {};
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) unset[key] = '';
      else set[key] = value;
    }
    await this.runs.updateOne({ _id: String(runId) }, { ...(Object.keys(set).length ? { $set: set } : {}), ...(Object.keys(unset).length ? { $unset: unset } : {}) } as UpdateFilter<RunDoc>);
  }

  async recordVerification(runId: RunId, index: number, verification: ItemVerification) {
    await this.itemsCol.updateOne({ _id: `${runId}:${index}` }, { $set: { verification } });
  }

  async listActive(limit: number) {
    const docs = await this.runs
      .find({ status: { $in: [...ACTIVE_RUN_STATUSES] } }, { projection: { plan: 0, excluded: 0 } })
      .sort({ createdAt: 1, _id: 1 })
      .limit(limit)
      .toArray();
    return docs.map(toEntry);
  }

  async recordItem(result: RunItemResult) {
    try {
      await this.itemsCol.insertOne({ ...result, _id: `${result.runId}:${result.index}` });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  async items(runId: RunId, page = { offset: 0, limit: 10_000 }) {
    const filter = { runId };
    const [docs, total] = await Promise.all([
      this.itemsCol.find(filter).sort({ index: 1 }).skip(page.offset).limit(page.limit).toArray(),
      this.itemsCol.countDocuments(filter),
    ]);
    return { items: docs.map(toItem), total };
  }

  async itemCounts(runId: RunId) {
    const rows = await this.itemsCol.aggregate<{ _id: string; n: number }>([
      { $match: { runId } },
      { $group: { _id: '$outcome', n: { $sum: 1 } } },
    ]).toArray();
    const count = (o: string) => rows.find((r) => r._id === o)?.n ?? 0;
    // An item whose outcome is unknown is recorded as failed (the canonical counts have no other key).
    return { succeeded: count('succeeded'), failed: count('failed'), skipped: count('skipped') };
  }
}
