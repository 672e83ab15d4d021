// Scenario: two executors on one run at once. Two worker processes watch the queue; each run gets a second
// `promotion.execute` job of its own, so both workers (or one worker twice) start executing it together; and in a
// second phase the running executor's lease is taken from it mid-run (expired in the store, the run made due again),
// so a new executor starts while the old one is still writing. The lease lets one executor write, the fencing token
// makes the journal refuse anything the old one still tries to record: nothing is written twice.
import { JOB_NAMES } from '../../../jobs/job-data';
import { waitUntil } from '../harness/bot-under-test';
import type { Evidence } from '../harness/evidence';
import { PromotionBench, runEvents } from '../harness/promotion-bench';
import { TERMINAL } from '../harness/promote-from-chat';
import { totals, type CheckTotals, type RunChecks } from '../harness/run-checks';

export interface TwoExecutorsOptions {
  serverUri: string;
  /** Runs per phase: started twice at once, then the lease taken mid-run. */
  runs: number;
  subjects: number;
  writeLatencyMs?: number;
}

export interface ExecutionCounts {
  /** Executions of the run's jobs that started (`promotion.job.started`). */
  executionsStarted: number;
  /** Executions turned away because another held the lease. */
  leasedElsewhere: number;
  /** Executors that stopped on a lost lease or a newer claim before their next write. */
  stoppedByFence: number;
  /** Fencing tokens granted for the run (1 per executor that held its lease). */
  leaseTokens: number;
}

export interface TwoExecutorsFigures extends CheckTotals {
  subjectsPerRun: number;
  startedTogether: ExecutionCounts;
  leaseTakenMidRun: ExecutionCounts;
  /** Runs of each phase where a second executor really ran: at least 2 executions started. */
  overlapping: number;
  /** Writes the targets received beyond one per subject (a create or an update written twice). */
  extraWrites: number;
  details: RunChecks[];
}

export async function runTwoExecutorsScenario(opts: TwoExecutorsOptions, evidence: Evidence): Promise<TwoExecutorsFigures> {
  const bench = await PromotionBench.start({ serverUri: opts.serverUri, scenario: 'twoexec', subjects: opts.subjects, targets: opts.runs * 2, writeLatencyMs: opts.writeLatencyMs ?? 50 });
  const details: RunChecks[] = [];
  const startedTogether = emptyCounts();
  const leaseTakenMidRun = emptyCounts();
  let overlapping = 0;
  let extraWrites = 0;
  const targetWrites = new Map<string, number>();
  bench.sandbox.observe(({ phase, op, status }) => {
    if (phase === 'applied' && status !== undefined && status < 300 && !op.path.endsWith('/assign')) targetWrites.set(op.tenantId, (targetWrites.get(op.tenantId) ?? 0) + 1);
  });
  try {
    await bench.startWorker();
    await bench.startWorker();
    for (const [n, target] of bench.generated.targets.entries()) {
      const phase = n < opts.runs ? startedTogether : leaseTakenMidRun;
      const runId = await bench.confirm(target);
      if (phase === startedTogether) {
        // A second job for the same run, due now: the two polling workers take one each (or one takes both).
        await bench.bot.system.agenda.create(JOB_NAMES.promotionExecute, { runId }).schedule(new Date()).save();
      } else {
        await waitUntil('a few items recorded', async () => ((await bench.db.collection('runItems').countDocuments({ runId })) >= 2 ? true : undefined), 30_000, 5);
        await takeLeaseMidRun(bench, runId);
      }
      await bench.settle(runId, 60_000 + opts.subjects * 1_000);
      // Let a turned-away or fenced executor finish what it does, so its late writes (if any) are counted.
      await new Promise((r) => setTimeout(r, 2_000));
      const counts = await executionCounts(bench, runId);
      for (const key of Object.keys(counts) as (keyof ExecutionCounts)[]) phase[key] += counts[key];
      if (counts.executionsStarted >= 2) overlapping += 1;
      details.push(await bench.check(runId, target));
      const updates = bench.generated.subjectNames.length;
      extraWrites += Math.max(0, (targetWrites.get(target.id) ?? 0) - updates);
    }
  } finally {
    bench.sandbox.observe(undefined);
    await bench.stop(evidence);
  }
  return { ...totals(details), subjectsPerRun: opts.subjects, startedTogether, leaseTakenMidRun, overlapping, extraWrites, details };
}

/**
 * Makes the lease run out under the executor's feet while it writes, and the run due again for any worker: its expiry
 * is kept in the past (the holder's renewals do not take effect) until a new executor has taken the lease.
 */
async function takeLeaseMidRun(bench: PromotionBench, runId: string): Promise<void> {
  const leases = bench.db.collection('runLeases');
  const before = Number((await leases.findOne({ _id: runId as never }))?.token ?? 0);
  // A job of its own, due now: the run's own job is still held by the executor that runs it.
  await bench.bot.system.agenda.create(JOB_NAMES.promotionExecute, { runId }).schedule(new Date()).save();
  await waitUntil(
    `a new executor to take the lease of run ${runId}`,
    async () => {
      const lease = await leases.findOne({ _id: runId as never });
      if (Number(lease?.token ?? 0) > before) return true;
      // Finished before a new executor could take it: nothing to take over (the run counts as not overlapping).
      if (TERMINAL.includes(String((await bench.db.collection('runs').findOne({ _id: runId as never }))?.status))) return true;
      await leases.updateOne({ _id: runId as never, token: before }, { $set: { expiresAt: new Date(0) } });
      return undefined;
    },
    20_000,
    10,
  );
}

const emptyCounts = (): ExecutionCounts => ({ executionsStarted: 0, leasedElsewhere: 0, stoppedByFence: 0, leaseTokens: 0 });

async function executionCounts(bench: PromotionBench, runId: string): Promise<ExecutionCounts> {
  const events = runEvents(bench.workerLogs, runId);
  const lease = await bench.db.collection('runLeases').findOne({ _id: runId as never });
  return {
    executionsStarted: events.filter((e) => e.event === 'promotion.job.started').length,
    leasedElsewhere: events.filter((e) => e.event === 'promotion.job.ended' && e.outcome === 'leased_elsewhere').length,
    stoppedByFence: events.filter((e) => e.event === 'run.stopped').length,
    leaseTokens: Number(lease?.token ?? 0),
  };
}
