// Two workers on one agendaJobs collection, set up exactly as compose.ts does (createScheduler + jobOptions): the
// backlog must be shared, and no worker may hold more locks than it runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agenda } from 'agenda';
import { COLLECTIONS } from '../../core/store/collections';
import { createScheduler, jobOptions } from '../../jobs/scheduler';
import { testDb, type TestDb } from '../support/mongo';

let t: TestDb;
const agendas: Agenda[] = [];
beforeAll(async () => {
  t = await testDb('fair');
});
afterAll(async () => {
  await Promise.all(agendas.map((a) => a.drain(5_000)));
  await t?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a backlog of promotion jobs and two workers of concurrency 2', () => {
  it('is split between both workers, and neither ever locks more jobs than it runs', async () => {
    const ran: string[] = [];
    const jobs = t.db.collection(COLLECTIONS.agendaJobs);
    const maxLocked: Record<string, number> = { a: 0, b: 0 };
    for (const name of ['a', 'b']) {
      const agenda = createScheduler(t.db, { name, processEveryMs: 100, lockLifetimeMs: 10_000 });
      agenda.define(
        'work',
        async () => {
          ran.push(name);
          await sleep(300);
        },
        jobOptions(2, 10_000),
      );
      agendas.push(agenda);
    }
    // The backlog is queued before any worker starts, as after a maintenance window's burst of confirms.
    for (let i = 0; i < 12; i++) await agendas[0]!.now('work', { i });
    await agendas[0]!.start();
    await sleep(50);
    await agendas[1]!.start();

    const deadline = Date.now() + 15_000;
    while (ran.length < 12 || (await jobs.countDocuments({ lockedAt: { $ne: null } })) > 0) {
      for (const name of ['a', 'b'])
        maxLocked[name] = Math.max(maxLocked[name]!, await jobs.countDocuments({ lockedAt: { $ne: null }, lastModifiedBy: name }));
      if (Date.now() > deadline) throw new Error(`only ${ran.length} of 12 jobs ran`);
      await sleep(20);
    }
    expect(ran).toHaveLength(12);
    expect(maxLocked.a).toBeLessThanOrEqual(2);
    expect(maxLocked.b).toBeLessThanOrEqual(2);
    // Both share the backlog: with one worker locking everything the split would be 12/0.
    expect(ran.filter((n) => n === 'b').length).toBeGreaterThanOrEqual(4);
    expect(ran.filter((n) => n === 'a').length).toBeGreaterThanOrEqual(4);
  });
});
