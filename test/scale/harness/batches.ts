// Promotion batches driven over the Bot Framework protocol against a Deployment, and what they left behind: every run's
// outcome, which worker finished it, and the target's state read back from the sandbox.
import { actionsByVerb, cardText } from '../../support/cards';
import { cardOf, type Chat } from '../../support/chat';
import type { GeneratedTenant, GeneratedTenants } from '../../reliability/harness/generated-tenants';
import { confirmationCard, TERMINAL } from '../../reliability/harness/promote-from-chat';
import { remoteDuplicatesAndLost } from '../../reliability/harness/target-state';
import type { Deployment } from './deployment';

/** A confirmation card ready to be confirmed for one target. */
export interface PendingConfirm {
  target: GeneratedTenant;
  confirm: any;
}

/** What one run did. */
export interface RunOutcome {
  target: string;
  runId: string;
  status: string;
  /** Worker that finished the run's job (from Agenda's record of the instance that saved it last). */
  finishedBy: string;
  /** How many times a worker started the run's job (more than 1 after a takeover or a hand-back). */
  jobStarts: number;
  duplicates: number;
  lost: number;
  writes: number;
  /** Seconds from confirm to the run's start, and from its start to its end. */
  queuedS: number;
  runS: number;
}

/** Compare → preflight → execute for each target, while a worker keeps the inventory fresh; confirms come later. */
export async function prepareConfirms(chat: Chat, generated: GeneratedTenants, targets: GeneratedTenant[]): Promise<PendingConfirm[]> {
  const pending: PendingConfirm[] = [];
  for (const target of targets) {
    const { confirm, ready } = await confirmationCard(chat, generated.source.displayName, target.displayName);
    if (ready !== generated.subjectNames.length)
      throw new Error(`${target.displayName}: ${ready} ready, expected ${generated.subjectNames.length}`);
    pending.push({ target, confirm });
  }
  return pending;
}

/** Presses Confirm; resolves with the run id and whether the answer said the run waits for a worker. */
export async function confirm(
  chat: Chat,
  deployment: Deployment,
  pending: PendingConfirm,
): Promise<{ runId: string; waitingForWorker: boolean }> {
  const answer = cardOf(
    await chat.press(actionsByVerb(pending.confirm, 'promotion.confirm')[0]!, 'demo-operator', `run-card-${pending.target.id}`),
  );
  const run = await deployment.db.collection('runs').findOne({ targetTenantId: pending.target.id });
  if (!run) throw new Error(`confirming ${pending.target.displayName} created no run: ${cardText(answer).slice(0, 200)}`);
  return { runId: String(run._id), waitingForWorker: cardText(answer).includes('No worker is running') };
}

/** Items a run has finished so far: the run's own counter, or its recorded items, whichever is further. */
export async function progressOf(deployment: Deployment, runId: string): Promise<number> {
  const run = await deployment.db.collection('runs').findOne({ _id: runId as never }, { projection: { summary: 1 } });
  const items = await deployment.db.collection('runItems').countDocuments({ runId });
  return Math.max(Number(run?.summary?.processed ?? 0), items);
}

/** Waits until every run is terminal; resolves with the time the last one finished (by its stored finishedAt). */
export async function waitForAll(deployment: Deployment, runIds: string[], timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const runs = await deployment.db
      .collection('runs')
      .find({ _id: { $in: runIds as never[] } }, { projection: { status: 1, finishedAt: 1 } })
      .toArray();
    if (runs.length === runIds.length && runs.every((r) => TERMINAL.includes(r.status))) {
      return Math.max(...runs.map((r) => new Date(r.finishedAt ?? Date.now()).getTime()));
    }
    if (Date.now() > deadline) {
      const open = runs.filter((r) => !TERMINAL.includes(r.status)).map((r) => `${r._id}: ${r.status}`);
      throw new Error(`runs not finished within ${timeoutMs} ms: ${open.join(', ')}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Reads back each run's outcome and its target's state from the sandbox. */
export async function outcomes(
  deployment: Deployment,
  generated: GeneratedTenants,
  runs: { runId: string; target: GeneratedTenant }[],
): Promise<RunOutcome[]> {
  const workerLines = deployment.logs.filter((l) => l.includes('"event":"promotion.job.started"'));
  return Promise.all(
    runs.map(async ({ runId, target }) => {
      const run = await deployment.db.collection('runs').findOne({ _id: runId as never });
      const job = await deployment.db.collection('agendaJobs').findOne({ name: 'promotion.execute', 'data.runId': runId });
      const inTarget = await remoteDuplicatesAndLost(deployment.sandboxUrl, target.id, generated.subjectNames);
      const counters = (await (
        await fetch(`${deployment.sandboxUrl}/sandbox/counters`, { headers: { authorization: `Bearer sandbox-token-${target.id}-1` } })
      ).json()) as {
        writes: Record<string, number>;
      };
      return {
        target: target.displayName,
        runId,
        status: String(run?.status),
        finishedBy: deployment.byAgendaName(job?.lastModifiedBy)?.label ?? String(job?.lastModifiedBy ?? 'unknown'),
        jobStarts: workerLines.filter((l) => l.includes(runId)).length,
        duplicates: inTarget.duplicates,
        lost: inTarget.lost,
        writes: Object.values(counters.writes).reduce((a, b) => a + b, 0),
        queuedS: seconds(run?.createdAt, run?.startedAt),
        runS: seconds(run?.startedAt, run?.finishedAt),
      };
    }),
  );
}

const seconds = (from: unknown, to: unknown) => (from && to ? Math.round((new Date(to as Date).getTime() - new Date(from as Date).getTime()) / 100) / 10 : -1);

/** Runs finished per worker label. */
export function splitPerWorker(runs: RunOutcome[]): Record<string, number> {
  const split: Record<string, number> = {};
  for (const r of runs) split[r.finishedBy] = (split[r.finishedBy] ?? 0) + 1;
  return split;
}

/** Polls `probe` in the background every `everyMs` and keeps each latency; stop() returns them sorted. */
export function sampleLatency(probe: () => Promise<void>, everyMs: number): { stop(): Promise<number[]> } {
  const latencies: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      await probe();
      latencies.push(performance.now() - started);
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return [...latencies].sort((a, b) => a - b);
    },
  };
}
