// The scale-out scenario: one MongoDB, a standalone Graph sandbox, two web instances and one or two workers, each a
// separate process, driven over the Bot Framework protocol. Each phase uses fresh targets of the same shape.
import { percentile } from '../reliability/scenarios/load';
import { writeGeneratedTenants, type GeneratedTenant, type GeneratedTenants } from '../reliability/harness/generated-tenants';
import { scenarioDbName } from '../reliability/harness/bot-under-test';
import type { Chat } from '../support/chat';
import { FakeChannel } from '../support/fake-channel';
import {
  confirm,
  outcomes,
  prepareConfirms,
  sampleLatency,
  splitPerWorker,
  waitForAll,
  type PendingConfirm,
  type RunOutcome,
} from './harness/batches';
import { Deployment } from './harness/deployment';
import { ratioCeiling } from './harness/ceiling';
import { rollingRestart, takeover, type TakeoverFigures } from './harness/disruptions';

export interface ScaleOptions {
  serverUri: string;
  runsPerBatch: number;
  subjects: number;
  writeLatencyMs: number;
  lockLifetimeMs: number;
  workerConcurrency: number;
  drainMs: number;
  /** Gap between confirms in the arrivals phases. */
  arrivalGapMs: number;
  /** Which phases to run: the small variant (npm test) runs the backlog with two workers and a SIGTERM takeover. */
  phases: ('backlog1' | 'backlog2' | 'arrivals1' | 'arrivals2' | 'killTakeover' | 'termTakeover' | 'rolling')[];
  log?: (line: string) => void;
}

/** One batch's figures. */
export interface BatchFigures {
  runs: number;
  durationS: number;
  runsPerMinute: number;
  split: Record<string, number>;
  /** Mean seconds a run waited in the queue, and mean seconds it ran. */
  meanQueuedS: number;
  meanRunS: number;
  waitingForWorkerAnswers?: number;
}

export interface ScaleFigures {
  batches: Partial<Record<'backlog1' | 'backlog2' | 'arrivals1' | 'arrivals2' | 'rolling', BatchFigures>>;
  takeovers: TakeoverFigures[];
  throughputRatio: { backlog?: number; arrivals?: number };
  /** The best ratio each batch's shape allows with no overhead at all, at the batches' mean run time. */
  throughputCeiling: { backlog?: number; arrivals?: number };
  chatLatency: { requests: number; p50Ms: number; p95Ms: number; maxMs: number };
  totals: {
    runs: number;
    succeeded: number;
    duplicateObjects: number;
    lostItems: number;
    extraWrites: number;
    missingWrites: number;
    runsStartedMoreThanOnce: number;
  };
  runs: RunOutcome[];
}

const PHASE_TIMEOUT_MS = 10 * 60_000;

export async function runScaleScenario(opts: ScaleOptions): Promise<{ figures: ScaleFigures; logs: string[] }> {
  const log = opts.log ?? (() => undefined);
  const has = (p: ScaleOptions['phases'][number]) => opts.phases.includes(p);
  const batchPhases = (['backlog1', 'backlog2', 'arrivals1', 'arrivals2', 'rolling'] as const).filter(has);
  const takeoverPhases = (['killTakeover', 'termTakeover'] as const).filter(has);
  const generated = await writeGeneratedTenants({
    subjects: opts.subjects,
    targets: batchPhases.length * opts.runsPerBatch + takeoverPhases.length,
  });
  const channel = await new FakeChannel().start();
  const deployment = new Deployment({ ...opts, dbName: scenarioDbName('scale'), tenantsDir: generated.dir, webInstances: 2 });
  const all: { runId: string; target: GeneratedTenant }[] = [];
  const figures: ScaleFigures = {
    batches: {},
    takeovers: [],
    throughputRatio: {},
    throughputCeiling: {},
    chatLatency: { requests: 0, p50Ms: 0, p95Ms: 0, maxMs: 0 },
    totals: { runs: 0, succeeded: 0, duplicateObjects: 0, lostItems: 0, extraWrites: 0, missingWrites: 0, runsStartedMoreThanOnce: 0 },
    runs: [],
  };
  try {
    await deployment.start();
    log(`sandbox ${deployment.sandboxUrl}, web ${deployment.webUrls.join(', ')}`);
    const chat = deployment.chat(channel);
    let workers = [await deployment.addWorker('worker-1'), await deployment.addWorker('worker-2')];
    const pending = await prepareConfirms(chat, generated, generated.targets);
    log(`${pending.length} confirmation cards ready`);
    const take = (n: number) => pending.splice(0, n);
    // Chat latency while runs execute: a light command, alternating web instances.
    const probe = sampleLatency(async () => void (await chat.say('runs')), 250);

    const setWorkers = async (count: number) => {
      while (workers.length > count) await workers.pop()!.process.stop();
      while (workers.length < count) workers.push(await deployment.addWorker(`worker-${deployment.workers.length + 1}`));
    };

    for (const phase of batchPhases) {
      const batch = take(opts.runsPerBatch);
      log(`${phase}: ${batch.length} runs`);
      if (phase === 'backlog1' || phase === 'backlog2') {
        await setWorkers(0);
        const queued = [];
        for (const p of batch) queued.push({ ...(await confirm(chat, deployment, p)), target: p.target });
        // Timed from the first worker ready to take jobs: process start-up is not throughput.
        const labels = Array.from({ length: phase === 'backlog1' ? 1 : 2 }, (_, i) => `worker-${deployment.workers.length + i + 1}`);
        const ready = await Promise.all(labels.map((label) => deployment.addWorker(label).then((w) => (workers.push(w), Date.now()))));
        const started = Math.min(...ready);
        const finished = await waitForAll(
          deployment,
          queued.map((q) => q.runId),
          PHASE_TIMEOUT_MS,
        );
        figures.batches[phase] = await batchFigures(
          deployment,
          generated,
          queued,
          started,
          finished,
          queued.filter((q) => q.waitingForWorker).length,
        );
      } else if (phase === 'arrivals1' || phase === 'arrivals2') {
        await setWorkers(phase === 'arrivals1' ? 1 : 2);
        const started = Date.now();
        const queued = await arrivals(chat, deployment, batch, opts.arrivalGapMs);
        const finished = await waitForAll(
          deployment,
          queued.map((q) => q.runId),
          PHASE_TIMEOUT_MS,
        );
        figures.batches[phase] = await batchFigures(deployment, generated, queued, started, finished);
      } else {
        await setWorkers(2);
        const started = Date.now();
        const queued = [];
        for (const p of batch) queued.push({ ...(await confirm(chat, deployment, p)), target: p.target });
        workers = await rollingRestart(deployment, workers, log);
        const finished = await waitForAll(
          deployment,
          queued.map((q) => q.runId),
          PHASE_TIMEOUT_MS,
        );
        figures.batches[phase] = await batchFigures(deployment, generated, queued, started, finished);
      }
      all.push(...(await lastRuns(deployment, batch)));
    }

    for (const phase of takeoverPhases) {
      await setWorkers(2);
      const [p] = take(1);
      const { runId } = await confirm(chat, deployment, p!);
      all.push({ runId, target: p!.target });
      figures.takeovers.push(await takeover(deployment, runId, phase === 'killTakeover' ? 'SIGKILL' : 'SIGTERM', workers, log));
      workers = workers.filter((w) => w.process.running);
    }

    const latencies = await probe.stop();
    figures.chatLatency = {
      requests: latencies.length,
      p50Ms: percentile(latencies, 50),
      p95Ms: percentile(latencies, 95),
      maxMs: Math.round(latencies.at(-1) ?? 0),
    };
    const { backlog1, backlog2, arrivals1, arrivals2 } = figures.batches;
    const meanRunS = (a: BatchFigures, b: BatchFigures) => (a.meanRunS + b.meanRunS) / 2;
    if (backlog1 && backlog2) {
      figures.throughputRatio.backlog = round(backlog2.runsPerMinute / backlog1.runsPerMinute, 2);
      figures.throughputCeiling.backlog = ratioCeiling(backlog2.runs, 0, opts.workerConcurrency, 2, meanRunS(backlog1, backlog2));
    }
    if (arrivals1 && arrivals2) {
      figures.throughputRatio.arrivals = round(arrivals2.runsPerMinute / arrivals1.runsPerMinute, 2);
      figures.throughputCeiling.arrivals = ratioCeiling(
        arrivals2.runs,
        opts.arrivalGapMs / 1000,
        opts.workerConcurrency,
        2,
        meanRunS(arrivals1, arrivals2),
      );
    }
    figures.runs = await outcomes(deployment, generated, all);
    figures.totals = totals(figures.runs);
    return { figures, logs: deployment.logs };
  } finally {
    await deployment.stop();
    await channel.stop();
    await generated.remove();
  }
}

async function lastRuns(deployment: Deployment, batch: PendingConfirm[]) {
  const runs = await deployment.db
    .collection('runs')
    .find({ targetTenantId: { $in: batch.map((p) => p.target.id) } })
    .toArray();
  return runs.map((r) => ({ runId: String(r._id), target: batch.find((p) => p.target.id === r.targetTenantId)!.target }));
}

/**
 * Operators confirming in a maintenance window: confirm i is sent at i × `gapMs`, whether or not the ones before were
 * answered yet, so runs arrive faster than one worker finishes them (otherwise the arrival rate, not the workers,
 * would bound the throughput of both batches).
 */
async function arrivals(chat: Chat, deployment: Deployment, batch: PendingConfirm[], gapMs: number) {
  return Promise.all(
    batch.map(async (p, i) => {
      await new Promise((r) => setTimeout(r, i * gapMs));
      return { ...(await confirm(chat, deployment, p)), target: p.target };
    }),
  );
}

async function batchFigures(
  deployment: Deployment,
  generated: GeneratedTenants,
  queued: { runId: string; target: GeneratedTenant }[],
  started: number,
  finished: number,
  waitingForWorkerAnswers?: number,
): Promise<BatchFigures> {
  const durationS = Math.max(0.001, (finished - started) / 1000);
  const runs = await outcomes(deployment, generated, queued);
  const mean = (values: number[]) => round(values.reduce((a, b) => a + b, 0) / Math.max(1, values.length), 1);
  return {
    runs: queued.length,
    durationS: round(durationS, 1),
    runsPerMinute: round((queued.length / durationS) * 60, 2),
    split: splitPerWorker(runs),
    meanQueuedS: mean(runs.map((r) => r.queuedS)),
    meanRunS: mean(runs.map((r) => r.runS)),
    ...(waitingForWorkerAnswers !== undefined ? { waitingForWorkerAnswers } : {}),
  };
}

export function totals(runs: RunOutcome[]): ScaleFigures['totals'] {
  // Every target has the same subjects, so a clean run's write count is the same everywhere: the most common one.
  const counts = new Map<number, number>();
  for (const r of runs) counts.set(r.writes, (counts.get(r.writes) ?? 0) + 1);
  const clean = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
  return {
    runs: runs.length,
    succeeded: runs.filter((r) => r.status === 'succeeded').length,
    duplicateObjects: runs.reduce((n, r) => n + r.duplicates, 0),
    lostItems: runs.reduce((n, r) => n + r.lost, 0),
    extraWrites: runs.reduce((n, r) => n + Math.max(0, r.writes - clean), 0),
    // An object present by name can still lack a write (e.g. its assignment): fewer writes than a clean run shows it.
    missingWrites: runs.reduce((n, r) => n + Math.max(0, clean - r.writes), 0),
    runsStartedMoreThanOnce: runs.filter((r) => r.jobStarts > 1).length,
  };
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;
