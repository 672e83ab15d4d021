// The promotion jobs on a real Agenda and MongoDB: what the worker schedules after each outcome, and the watchdog
// that takes over a run whose worker died while still holding its Agenda lock.
import { afterEach, describe, expect, it } from 'vitest';
import type { Agenda } from 'agenda';
import { RunId } from '../../core/ids';
import type { RunStore } from '../../core/runs/run-store';
import { COLLECTIONS, ensureIndexes } from '../../core/store/collections';
import { JOB_NAMES } from '../../jobs/job-data';
import { definePromotionJobs, startPromotionWatchdog } from '../../jobs/promotion-jobs';
import { AgendaPromotionQueue } from '../../jobs/queues';
import { createScheduler } from '../../jobs/scheduler';
import { queueRun, seedBaselineSubjects, usePromotionWorld, WORKSPACE, type PromotionWorld } from '../support/promotion-fixtures';

const suite = usePromotionWorld('promotion-jobs', seedBaselineSubjects);
const running: Agenda[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map(async (a) => a.stop()));
});

async function worker(world: PromotionWorld, opts: { lockLifetimeMs?: number; watchdogMs?: number; runs?: RunStore } = {}) {
  await ensureIndexes(suite.db);
  const agenda = createScheduler(suite.db, { name: `test-worker-${running.length}`, processEveryMs: 100, promotionLockLifetimeMs: opts.lockLifetimeMs ?? 60_000 });
  running.push(agenda);
  const queue = new AgendaPromotionQueue(agenda, suite.db);
  definePromotionJobs(agenda, {
    executor: { ...world.deps, ...(opts.runs ? { runs: opts.runs } : {}), now: () => new Date() },
    queue,
    logger: world.deps.logger,
    promotionLockLifetimeMs: opts.lockLifetimeMs ?? 60_000,
    watchdogIntervalMs: opts.watchdogMs ?? 60_000,
    afterRun: async () => undefined,
  });
  await agenda.start();
  if (opts.watchdogMs) await startPromotionWatchdog(agenda, opts.watchdogMs);
  return { agenda, queue };
}

async function waitForStatus(world: PromotionWorld, runId: RunId, done: (status: string) => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await world.runs.get(WORKSPACE, runId);
    if (run && done(run.status)) return run;
    if (Date.now() > deadline) {
      const jobs = await suite.db.collection(COLLECTIONS.agendaJobs).find().toArray();
      throw new Error(`run ${runId} is still ${run?.status} after ${timeoutMs} ms; jobs ${JSON.stringify(jobs)}; log ${JSON.stringify((world.deps.logger as unknown as { lines: unknown[] }).lines)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('promotion jobs on Agenda', () => {
  it('executes a queued run and leaves its job done', async () => {
    const run = await queueRun(suite.world);
    const { queue } = await worker(suite.world);
    await queue.enqueue(run.id);
    const finished = await waitForStatus(suite.world, run.id, (s) => s === 'succeeded');
    expect(finished.summary).toMatchObject({ total: 3, succeeded: 3 });
  });

  it('executes a run again at its retry time after the database was briefly unreachable, and it finishes', async () => {
    const run = await queueRun(suite.world);
    let failures = 0;
    const flaky: RunStore = Object.assign(Object.create(suite.world.runs) as RunStore, {
      recordItem: async (result: Parameters<RunStore['recordItem']>[0]) => {
        if (failures++ === 0) throw Object.assign(new Error('connection reset'), { name: 'MongoNetworkError' });
        return suite.world.runs.recordItem(result);
      },
    });
    const { queue } = await worker(suite.world, { runs: flaky });
    await queue.enqueue(run.id);
    const finished = await waitForStatus(suite.world, run.id, (s) => s === 'succeeded');
    expect(finished.retry).toBeUndefined();
    expect(failures).toBeGreaterThan(1);
    const writes = suite.world.graph.writes().map((w) => JSON.stringify(w));
    expect(new Set(writes).size).toBe(writes.length);
  });

  it('takes over the run of a worker that died holding its Agenda lock, once the run lease has run out', async () => {
    const run = await queueRun(suite.world);
    // The dead worker: its Agenda lock is fresh (a 10-minute lifetime would keep the job from everyone) and its run
    // lease ran out a moment ago.
    await suite.db.collection(COLLECTIONS.agendaJobs).insertOne({
      name: JOB_NAMES.promotionExecute,
      data: { runId: String(run.id) },
      type: 'normal',
      priority: 0,
      nextRunAt: new Date(Date.now() - 1_000),
      lockedAt: new Date(),
      lastModifiedBy: 'dead-worker',
    });
    await suite.world.deps.lease.acquire(run.id, 'dead-worker', 1, new Date(Date.now() - 10));
    await suite.world.runs.update(run.id, { status: 'running', startedAt: new Date() });

    await worker(suite.world, { lockLifetimeMs: 10 * 60_000, watchdogMs: 1_000 });
    const finished = await waitForStatus(suite.world, run.id, (s) => s === 'succeeded', 15_000);
    expect(finished.summary.succeeded).toBe(3);
    expect(await suite.world.deps.lease.holder(run.id)).toMatchObject({ owner: 'test-worker' });
  });
});
