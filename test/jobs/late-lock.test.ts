// A job whose lock answer came back late (the database stalled while Agenda locked it) is already expired when the
// worker would start it. Agenda 6 then drops it from its local queue but keeps counting its lock, so with a lock limit
// the worker never locks a job of that kind again: after one MongoDB stall, a worker stopped running inventory syncs
// (and, one lost slot per stall, promotions). The patch in patches/ releases the local lock of such a job.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agenda } from 'agenda';
import { createScheduler, jobOptions } from '../../jobs/scheduler';
import { testDb, type TestDb } from '../support/mongo';

let t: TestDb;
let agenda: Agenda | undefined;
beforeAll(async () => {
  t = await testDb('late-lock');
});
afterAll(async () => {
  await agenda?.drain(5_000);
  await t?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const LOCK_LIFETIME_MS = 400;

describe('a worker whose database answered a job lock late', () => {
  it('still runs that job and every later one of its kind', async () => {
    agenda = createScheduler(t.db, { name: 'stalled', processEveryMs: 100, lockLifetimeMs: LOCK_LIFETIME_MS });
    const ran: number[] = [];
    agenda.define('sync', async (job) => void ran.push((job.attrs.data as { n: number }).n), jobOptions(1, LOCK_LIFETIME_MS));
    // The first lock the worker takes is answered only after the lock lifetime, as during a database stall.
    const repository = (agenda as unknown as { db: { getNextJobToRun: (...args: unknown[]) => Promise<unknown> } }).db;
    const lock = repository.getNextJobToRun.bind(repository);
    let stalled = false;
    repository.getNextJobToRun = async (...args: unknown[]) => {
      const found = await lock(...args);
      if (found && !stalled) {
        stalled = true;
        await sleep(LOCK_LIFETIME_MS * 4);
      }
      return found;
    };
    await agenda.now('sync', { n: 1 });
    await agenda.start();

    await expect.poll(() => ran, { timeout: 10_000, interval: 50 }).toEqual([1]);
    expect(stalled).toBe(true);
    // Meanwhile another scan found the lock expired and ran the job; the stalled answer arrives only now.
    await sleep(LOCK_LIFETIME_MS * 5);
    await agenda.now('sync', { n: 2 });
    await expect.poll(() => ran, { timeout: 10_000, interval: 50 }).toEqual([1, 2]);
  }, 30_000);
});
