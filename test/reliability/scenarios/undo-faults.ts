// Scenario: undo runs under faults, as processes. For each target a promotion is confirmed from chat and finishes;
// then its undo is confirmed from chat (run card → Undo this run → Undo → Confirm) under one of two faults:
// - kill: the worker executing the undo is SIGKILLed right after one of its writes was applied in the target (a
//   DELETE or a restore's PATCH / assignment, its answer never delivered), and a standby worker takes the run over
//   once the lease runs out;
// - lostAnswers: every other write of the target is applied only after the client's timeout (its answer lost).
// The journal decides what the next executor does: each delete is sent once, each restore written once, and the
// target ends as a fresh compare showed it before the promotion (items ended "outcome unknown" counted apart).
import { waitUntil } from '../harness/bot-under-test';
import type { Evidence } from '../harness/evidence';
import { PromotionBench } from '../harness/promotion-bench';
import { confirmUndoFromChat, TERMINAL } from '../harness/promote-from-chat';
import { compareOnce } from '../harness/run-checks';
import type { GeneratedTenant } from '../harness/generated-tenants';

export interface UndoFaultsOptions {
  serverUri: string;
  /** Undo runs with a worker killed mid-run, and undo runs with lost answers. */
  kills: number;
  lostAnswers: number;
  subjects: number;
  seed: number;
}

export interface UndoRunFigures {
  fault: 'kill' | 'lostAnswers';
  status: string;
  /** Succeeded, or partly succeeded only through items whose outcome is unknown. */
  endedWell: boolean;
  /** Writes the target received during the undo beyond one per request (a DELETE, PATCH or assign sent twice). */
  extraWrites: number;
  doubleDeletes: number;
  outcomeUnknown: number;
  /** Subjects whose fresh-compare state after the undo differs from before the promotion (outcome unknown excepted). */
  notAsBefore: string[];
  /** False when a compare could not refresh the target (its figure is then not judged). */
  compareFresh: boolean;
  /** Kill only: which write the kill followed, and how long from the kill to the run's end. */
  killedAfterWrite?: string;
  recoveryMs?: number;
  locksLeft: number;
  /** Items that did not succeed, with the run detail's reason. */
  notSucceeded: { displayName: string; outcome: string; reason?: string }[];
}

export interface UndoFaultsFigures {
  subjectsPerRun: number;
  undoRuns: number;
  endedWell: number;
  runsLeftRunning: number;
  extraWrites: number;
  doubleDeletes: number;
  outcomeUnknown: number;
  notAsBefore: number;
  staleCompares: number;
  locksLeft: number;
  runs: UndoRunFigures[];
}

/** The worker's client timeout, and how late a slow write is applied (after the client gave up, within the visibility wait). */
const CLIENT_TIMEOUT_MS = 1_000;
const SLOW_WRITE_MS = 1_500;

export async function runUndoFaultsScenario(opts: UndoFaultsOptions, evidence: Evidence): Promise<UndoFaultsFigures> {
  const faults: UndoRunFigures['fault'][] = [...Array<'kill'>(opts.kills).fill('kill'), ...Array<'lostAnswers'>(opts.lostAnswers).fill('lostAnswers')];
  const bench = await PromotionBench.start({ serverUri: opts.serverUri, scenario: 'undofaults', subjects: opts.subjects, targets: faults.length, writeLatencyMs: 5, env: { GRAPH_TIMEOUT_MS: String(CLIENT_TIMEOUT_MS) } });
  const runs: UndoRunFigures[] = [];
  let random = opts.seed;
  const next = (n: number) => ((random = (random * 1103515245 + 12345) % 2 ** 31), random % n);
  try {
    await Promise.all([bench.startWorker(), bench.startWorker()]);
    for (const [n, fault] of faults.entries()) {
      const target = bench.generated.targets[n]!;
      runs.push(await undoUnderFault(bench, target, fault, next));
    }
  } finally {
    bench.sandbox.observe(undefined);
    await bench.stop(evidence);
  }
  const sum = (f: (r: UndoRunFigures) => number) => runs.reduce((total, r) => total + f(r), 0);
  return {
    subjectsPerRun: opts.subjects,
    undoRuns: runs.length,
    endedWell: runs.filter((r) => r.endedWell).length,
    runsLeftRunning: runs.filter((r) => !TERMINAL.includes(r.status)).length,
    extraWrites: sum((r) => r.extraWrites),
    doubleDeletes: sum((r) => r.doubleDeletes),
    outcomeUnknown: sum((r) => r.outcomeUnknown),
    notAsBefore: sum((r) => (r.compareFresh ? r.notAsBefore.length : 0)),
    staleCompares: runs.filter((r) => !r.compareFresh).length,
    locksLeft: sum((r) => r.locksLeft),
    runs,
  };
}

async function undoUnderFault(bench: PromotionBench, target: GeneratedTenant, fault: UndoRunFigures['fault'], next: (n: number) => number): Promise<UndoRunFigures> {
  const before = await compareOnce(bench, target, true);
  const promoted = await bench.confirm(target);
  const promotedStatus = await bench.settle(promoted, 120_000);
  if (promotedStatus !== 'succeeded') throw new Error(`the promotion to undo ended ${promotedStatus}`);

  // Every write request the target receives from now on, once each as it arrives.
  const arrived: string[] = [];
  let kill: { afterWrite: number; killed?: Promise<number>; what?: string } | undefined;
  // Creates are undone by one DELETE; updates by a PATCH and (with assignments) an assign: kill after one of them.
  if (fault === 'kill') kill = { afterWrite: 1 + next(Math.max(1, bench.generated.subjectNames.length)) };
  if (fault === 'lostAnswers') bench.sandbox.store.configure(target.id, { slowWrites: { every: 2, latencyMs: SLOW_WRITE_MS } });
  bench.sandbox.observe(async ({ phase, op }) => {
    if (op.tenantId !== target.id || op.method === 'GET') return;
    if (phase === 'arrived') arrived.push(`${op.method} ${op.path}`);
    if (phase === 'applied' && kill && !kill.killed && arrived.length >= kill.afterWrite) {
      // Only the undo run writes to this target now; the write is held here until its executor is dead.
      const undo = await bench.db.collection('runs').findOne({ undoes: promoted });
      kill.what = `${op.method} ${op.path.split('/').slice(-2).join('/')}`;
      kill.killed = bench.killLeaseHolder(String(undo?._id));
      await kill.killed;
    }
  });
  const undoRunId = await confirmUndoFromChat(bench.chat, bench.db, promoted);
  if (kill) {
    await waitUntil('the kill of the undo executor', async () => (kill.killed ? true : TERMINAL.includes(await runStatus(bench, undoRunId)) ? true : undefined), 60_000, 10);
    if (kill.killed) bench.startWorker().catch(() => undefined);
  }
  const killedAt = kill?.killed ? await kill.killed : undefined;
  const status = await bench.settle(undoRunId, 120_000);
  const recoveryMs = killedAt === undefined ? undefined : Date.now() - killedAt;
  bench.sandbox.observe(undefined);
  bench.sandbox.store.configure(target.id, { slowWrites: null });
  // Let a slow write still on its way land before the target is judged.
  await new Promise((r) => setTimeout(r, SLOW_WRITE_MS));

  const items = await bench.db.collection('runItems').find({ runId: undoRunId }).toArray();
  const unknown = new Set(items.filter((i) => i.outcomeUnknown === true).map((i) => `${String(i.type)}:${String(i.displayName).toLowerCase()}`));
  const after = await compareOnce(bench, target, true);
  const notAsBefore = [...before.states].filter(([key, state]) => !unknown.has(key) && after.states.get(key) !== state).map(([key]) => key);
  const counts = new Map<string, number>();
  for (const write of arrived) counts.set(write, (counts.get(write) ?? 0) + 1);
  const twice = [...counts].filter(([, n]) => n > 1);
  const notSucceeded = items.filter((i) => i.outcome !== 'succeeded');
  bench.dropExited();
  return {
    fault,
    status,
    endedWell: status === 'succeeded' || (status === 'partially_succeeded' && notSucceeded.every((i) => i.outcomeUnknown === true)),
    extraWrites: twice.reduce((total, [, n]) => total + n - 1, 0),
    doubleDeletes: twice.filter(([write]) => write.startsWith('DELETE ')).length,
    outcomeUnknown: unknown.size,
    notAsBefore,
    compareFresh: before.fresh && after.fresh,
    ...(kill?.what ? { killedAfterWrite: kill.what } : {}),
    ...(recoveryMs !== undefined ? { recoveryMs } : {}),
    locksLeft: await bench.db.collection('runLocks').countDocuments({ _id: target.id as never }),
    notSucceeded: notSucceeded.map((i) => ({ displayName: String(i.displayName), outcome: String(i.outcome), ...(i.reason ? { reason: String(i.reason).slice(0, 300) } : {}) })),
  };
}

async function runStatus(bench: PromotionBench, runId: string): Promise<string> {
  return String((await bench.db.collection('runs').findOne({ _id: runId as never }))?.status ?? 'absent');
}
