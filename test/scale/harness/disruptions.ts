// What a deployment must survive: a rolling restart of its workers, and a busy worker killed or stopped mid-run.
import { progressOf, waitForAll } from './batches';
import type { Deployment, WorkerInstance } from './deployment';

const PHASE_TIMEOUT_MS = 10 * 60_000;

/** One takeover's figures: from the signal to the next item the run finished on another worker. */
export interface TakeoverFigures {
  signal: 'SIGKILL' | 'SIGTERM';
  itemsBefore: number;
  takeoverS: number;
  takenOverBy: string;
  status: string;
}

/** SIGTERM one worker, start its replacement, then the other: the batch must finish with nothing lost or doubled. */
export async function rollingRestart(
  deployment: Deployment,
  workers: WorkerInstance[],
  log: (line: string) => void,
): Promise<WorkerInstance[]> {
  const next: WorkerInstance[] = [];
  for (const worker of workers) {
    await new Promise((r) => setTimeout(r, 1_500)); // let the batch get going on every worker
    log(`rolling restart: SIGTERM ${worker.label}`);
    await worker.process.stop();
    next.push(await deployment.addWorker(`${worker.label}'`));
  }
  return next;
}

/** Signals the worker running `runId` once it has finished a few items; measures until the next item is finished. */
export async function takeover(
  deployment: Deployment,
  runId: string,
  signal: 'SIGKILL' | 'SIGTERM',
  workers: WorkerInstance[],
  log: (line: string) => void,
): Promise<TakeoverFigures> {
  const deadline = Date.now() + PHASE_TIMEOUT_MS;
  let busy: WorkerInstance | undefined;
  while (!busy || (await progressOf(deployment, runId)) < 2) {
    if (Date.now() > deadline) throw new Error(`run ${runId} never got going`);
    busy = await deployment.workerOf(runId);
    await new Promise((r) => setTimeout(r, 50));
  }
  const signalled = Date.now();
  log(`${signal} ${busy.label} while it runs ${runId}`);
  if (signal === 'SIGKILL') await busy.process.kill();
  else void busy.process.stop();
  const itemsBefore = await progressOf(deployment, runId);
  while ((await progressOf(deployment, runId)) <= itemsBefore) {
    if (Date.now() > deadline) throw new Error(`run ${runId} was never taken over`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const takeoverS = round((Date.now() - signalled) / 1000, 1);
  const takenOverBy = (await deployment.workerOf(runId))?.label ?? 'finished before it could be seen';
  await waitForAll(deployment, [runId], PHASE_TIMEOUT_MS);
  const run = await deployment.db.collection('runs').findOne({ _id: runId as never });
  if (workers.every((w) => w === busy || !w.process.running)) log('no worker left running');
  return { signal, itemsBefore, takeoverS, takenOverBy, status: String(run?.status) };
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;
