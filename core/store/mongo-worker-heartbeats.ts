import type { Db } from 'mongodb';
import type { WorkerBeat, WorkerHeartbeats } from '../workers/heartbeats';
import { COLLECTIONS } from './collections';

type BeatDoc = Omit<WorkerBeat, 'workerId'> & { _id: string };

/** How long the entry of a worker that died without saying goodbye is kept, for the operator who looks. */
const KEEP_GONE_MS = 24 * 3_600_000;

/** WorkerHeartbeats on MongoDB: one document per worker process, replaced on every beat. */
export class MongoWorkerHeartbeats implements WorkerHeartbeats {
  constructor(private readonly db: Db) {}
  private get col() {
    return this.db.collection<BeatDoc>(COLLECTIONS.workerHeartbeats);
  }

  async beat(beat: WorkerBeat) {
    const { workerId, ...doc } = beat;
    await this.col.replaceOne({ _id: workerId }, doc, { upsert: true });
    // No TTL index (DESIGN: portable indexes only): workers that died long ago are pruned by the living.
    await this.col.deleteMany({ beatAt: { $lt: new Date(beat.beatAt.getTime() - KEEP_GONE_MS) } });
  }

  async liveWorkers(since: Date) {
    const docs = await this.col
      .find({ beatAt: { $gte: since } })
      .sort({ beatAt: -1 })
      .toArray();
    return docs.map(({ _id, ...doc }) => ({ workerId: _id, ...doc }));
  }

  async remove(workerId: string) {
    await this.col.deleteOne({ _id: workerId });
  }
}
