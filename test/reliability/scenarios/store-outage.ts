// Scenario: MongoDB unreachable for a while in the middle of a run. A MongoDB server of its own (never the shared test
// server) is paused with SIGSTOP while the worker writes — connections stay open but nothing answers, as when the
// database host hangs — and resumed with SIGCONT after `pauseMs`. The run must end: succeeded, or first waiting to
// retry and then succeeded; never left running, nothing written twice, nothing lost.
import { fileURLToPath } from 'node:url';
import { startMongoJavaServer } from '../../../core/store/mongo-java-server';
import { waitUntil } from '../harness/bot-under-test';
import type { Evidence } from '../harness/evidence';
import { PromotionBench, runEvents } from '../harness/promotion-bench';
import { totals, type CheckTotals, type RunChecks } from '../harness/run-checks';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export interface StoreOutageOptions {
  runs: number;
  subjects: number;
  pauseMs: number;
  /** MongoClient options for every process, as MONGODB_URI query parameters (empty: the driver's defaults). */
  clientOptions?: string;
  retryDelaysMs?: string;
  writeLatencyMs?: number;
}

export interface StoreOutageRun {
  runId: string;
  pausedAfterItems: number;
  /** Whether the run was still going when the store came back (the outage really hit it mid-run). */
  runningWhenResumed: boolean;
  /** The executor's reactions seen in the worker's log. */
  waitedToRetry: number;
  stoppedForLease: number;
  resumedByWatchdog: number;
  /** From SIGCONT to the run's end. */
  endedAfterResumeMs: number;
}

export interface StoreOutageFigures extends CheckTotals {
  subjectsPerRun: number;
  pauseMs: number;
  clientOptions: string;
  outages: StoreOutageRun[];
  details: RunChecks[];
}

export async function runStoreOutageScenario(opts: StoreOutageOptions, evidence: Evidence): Promise<StoreOutageFigures> {
  const server = await startMongoJavaServer({ root: REPO_ROOT, log: () => undefined });
  const serverUri = opts.clientOptions ? `${server.uri}/?${opts.clientOptions}` : server.uri;
  const outages: StoreOutageRun[] = [];
  const details: RunChecks[] = [];
  let paused = false;
  try {
    const bench = await PromotionBench.start({
      serverUri,
      scenario: 'outage',
      subjects: opts.subjects,
      targets: opts.runs,
      writeLatencyMs: opts.writeLatencyMs ?? 40,
      env: { RUN_RETRY_DELAYS_MS: opts.retryDelaysMs ?? '2000,4000,8000,16000,32000' },
    });
    try {
      await bench.startWorker();
      for (const target of bench.generated.targets) {
        const runId = await bench.confirm(target);
        const pausedAfterItems = Math.max(1, Math.floor(opts.subjects / 4));
        await waitUntil('items recorded before the outage', async () => ((await bench.db.collection('runItems').countDocuments({ runId })) >= pausedAfterItems ? true : undefined), 60_000, 5);
        process.kill(server.pid, 'SIGSTOP');
        paused = true;
        await new Promise((r) => setTimeout(r, opts.pauseMs));
        process.kill(server.pid, 'SIGCONT');
        paused = false;
        const resumedAt = Date.now();
        const status = await bench.settle(runId, 120_000 + opts.subjects * 1_000);
        const events = runEvents(bench.workerLogs, runId);
        const statusAtResume = await bench.db.collection('runs').findOne({ _id: runId as never });
        outages.push({
          runId,
          pausedAfterItems,
          runningWhenResumed: (await bench.db.collection('runItems').countDocuments({ runId })) > pausedAfterItems || status !== 'unknown',
          waitedToRetry: events.filter((e) => e.event === 'run.waiting_to_retry').length,
          stoppedForLease: events.filter((e) => e.event === 'run.stopped').length,
          resumedByWatchdog: events.filter((e) => e.event === 'promotion.watchdog.resumed').length,
          endedAfterResumeMs: statusAtResume?.finishedAt ? new Date(statusAtResume.finishedAt).getTime() - resumedAt : -1,
        });
        details.push(await bench.check(runId, target));
      }
    } finally {
      await bench.stop(evidence);
    }
  } finally {
    if (paused) process.kill(server.pid, 'SIGCONT');
    await server.stop();
  }
  return { ...totals(details), subjectsPerRun: opts.subjects, pauseMs: opts.pauseMs, clientOptions: opts.clientOptions ?? '(driver defaults)', outages, details };
}
