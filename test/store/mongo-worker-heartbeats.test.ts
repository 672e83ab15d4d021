import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { MongoWorkerHeartbeats } from '../../core/store/mongo-worker-heartbeats';
import { presenceFromHeartbeats, type WorkerBeat, type WorkerHeartbeats } from '../../core/workers/heartbeats';
import type { TestDb } from '../support/mongo';
import { at, storeDb } from '../support/store-fixtures';

function beat(overrides: Partial<WorkerBeat> = {}): WorkerBeat {
  return {
    workerId: `worker-${randomUUID()}`,
    name: 'tenantatlas-host-1',
    host: 'host',
    pid: 1,
    role: 'worker',
    concurrency: 2,
    running: 0,
    startedAt: at(0),
    beatAt: at(0),
    ...overrides,
  };
}

/** Behaviour every WorkerHeartbeats must show; each test uses a store of its own (liveness is global). */
function describeWorkerHeartbeatsContract(makeStore: () => Promise<WorkerHeartbeats>) {
  describe('WorkerHeartbeats contract', () => {
    it('counts no live worker before any worker has beaten, so confirms say the run waits for one', async () => {
      const presence = presenceFromHeartbeats(await makeStore(), 15_000, () => at(0));
      expect(await presence.anyAlive()).toBe(false);
      expect(await presence.summary()).toEqual({ live: 0, lastBeatAt: null });
    });

    it('shows a worker that beat within the window with its name, pid, concurrency and running jobs', async () => {
      const store = await makeStore();
      const worker = beat({ running: 1, beatAt: at(5_000) });
      await store.beat(worker);
      expect(await store.liveWorkers(at(0))).toEqual([worker]);
      expect(await presenceFromHeartbeats(store, 15_000, () => at(10_000)).summary()).toEqual({ live: 1, lastBeatAt: at(5_000) });
    });

    it('keeps one entry per worker, the latest beat replacing the one before', async () => {
      const store = await makeStore();
      const worker = beat({ beatAt: at(0) });
      await store.beat(worker);
      await store.beat({ ...worker, running: 2, beatAt: at(5_000) });
      expect(await store.liveWorkers(at(-60_000))).toEqual([{ ...worker, running: 2, beatAt: at(5_000) }]);
    });

    it('no longer counts a worker whose last beat is older than the window (it died without stopping)', async () => {
      const store = await makeStore();
      await store.beat(beat({ beatAt: at(0) }));
      const presence = presenceFromHeartbeats(store, 15_000, () => at(15_001));
      expect(await presence.anyAlive()).toBe(false);
    });

    it('lists live workers most recent beat first, and forgets one that stopped cleanly at once', async () => {
      const store = await makeStore();
      const older = beat({ beatAt: at(1_000) });
      const newer = beat({ beatAt: at(2_000) });
      await store.beat(older);
      await store.beat(newer);
      expect((await store.liveWorkers(at(0))).map((w) => w.workerId)).toEqual([newer.workerId, older.workerId]);
      await store.remove(newer.workerId);
      expect((await store.liveWorkers(at(0))).map((w) => w.workerId)).toEqual([older.workerId]);
    });
  });
}

let t: TestDb;
const extra: string[] = [];
beforeAll(async () => {
  t = await storeDb('heartbeats');
});
afterAll(async () => {
  for (const name of extra)
    await t.client
      .db(name)
      .dropDatabase()
      .catch(() => undefined);
  await t?.close();
});

// Liveness is a question about every worker of a deployment, so each test starts from a database of its own.
describeWorkerHeartbeatsContract(async () => {
  const name = `${t.db.databaseName}_${extra.length}`;
  extra.push(name);
  return new MongoWorkerHeartbeats(t.client.db(name));
});
