// Agenda v6 + @agendajs/mongo-backend on the run's MongoDB. The two-instance test is the real
// point: it proves the server's findAndModify is atomic (no job is locked by both instances),
// which is what mongo-java-server's single worker thread is for.
import { afterAll, afterEach, beforeAll, describe, expect, it, inject } from 'vitest';
import { Agenda } from 'agenda';
import { MongoBackend } from '@agendajs/mongo-backend';
import { ObjectId, type Db } from 'mongodb';
import { testDb, type TestDb } from '../support/mongo.js';

let t: TestDb;
let db: Db;
const running: Agenda[] = [];

beforeAll(async () => {
  t = await testDb('agenda');
  db = t.db;
});
afterEach(async () => {
  // drain() waits for in-flight handlers; stop() would unlock them for another instance to rerun.
  // Neither closes our MongoClient: the backend did not create it (ownsConnection = false).
  await Promise.all(running.splice(0).map((a) => a.drain(5_000)));
});
afterAll(async () => {
  await t?.close();
});

function makeAgenda(name: string, collection: string): Agenda {
  const agenda = new Agenda({
    name,
    backend: new MongoBackend({ mongo: db, collection }),
    processEvery: 100, // polling only: no change streams, no notification channel
    defaultConcurrency: 5,
  });
  running.push(agenda);
  return agenda;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe(`Agenda on ${inject('mongoKind')}`, () => {
  it('runs a job enqueued with now() exactly once and records its result', async () => {
    const results = db.collection('roundtripResults');
    const agenda = makeAgenda('single', 'roundtripJobs');
    agenda.define<{ tenant: string }>('record', async (job) => {
      await results.insertOne({ jobId: String(job.attrs._id), tenant: job.attrs.data.tenant, at: new Date() });
    });
    await agenda.start();
    const job = await agenda.now('record', { tenant: 'contoso' });

    // Agenda v6 exposes ids as (branded) strings; the Mongo backend stores ObjectIds.
    const _id = new ObjectId(job.attrs._id);
    const jobs = db.collection('roundtripJobs');
    await waitFor(async () => (await jobs.findOne({ _id, lastFinishedAt: { $exists: true } })) !== null);
    await sleep(500); // several more polls: a second run would show up now

    const rows = await results.find().toArray();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ jobId: String(job.attrs._id), tenant: 'contoso' });
    const stored = await jobs.findOne({ _id });
    expect(stored?.failReason ?? null).toBeNull(); // Agenda writes null, not absent
    expect(stored?.nextRunAt).toBeNull(); // one-off job is done, not rescheduled
  });

  it('two instances on one collection run each of 20 jobs exactly once', async () => {
    const results = db.collection<{ i: number; by: string }>('lockResults');
    const instances = ['worker-a', 'worker-b'].map((name) => {
      const agenda = makeAgenda(name, 'lockJobs');
      agenda.define<{ i: number }>('work', async (job) => {
        await sleep(20); // keep jobs in flight so both pollers compete for the next one
        await results.insertOne({ i: job.attrs.data.i, by: name });
      });
      return agenda;
    });
    await Promise.all(instances.map((a) => a.ready));
    for (let i = 0; i < 20; i++) await instances[0]!.now('work', { i });
    await Promise.all(instances.map((a) => a.start()));

    await waitFor(async () => (await results.countDocuments()) >= 20);
    await sleep(500);

    const rows = await results.find().toArray();
    const perJob = new Map<number, number>();
    for (const r of rows) perJob.set(r.i, (perJob.get(r.i) ?? 0) + 1);
    const doubles = [...perJob].filter(([, n]) => n > 1);
    expect(doubles, `jobs run more than once: ${JSON.stringify(doubles)}`).toEqual([]);
    expect([...perJob.keys()].sort((a, b) => a - b)).toEqual([...Array(20).keys()]);
    const by = Object.fromEntries(['worker-a', 'worker-b'].map((n) => [n, rows.filter((r) => r.by === n).length]));
    console.log(`[agenda locking] jobs per instance: ${JSON.stringify(by)}`);
  });
});
