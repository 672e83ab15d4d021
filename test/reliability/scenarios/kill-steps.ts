// Scenario: the executing worker SIGKILLed right after each step of one item — claim, intent, write (the create
// applied, its answer never delivered), assign, record — and after the write of an update. The harness watches the
// step happen (the Graph sandbox holds the request until the kill is done; the journal in MongoDB shows the record),
// kills the worker holding the run's lease, and a standby worker takes the run over once the lease runs out.
// The journal, not a guess, decides what the new executor does: nothing is written twice and nothing is lost.
import type { SandboxOperation } from '../../../core/graph-sandbox/sandbox-router';
import { SUBJECT_TYPES } from '../../../core/subjects/registry';
import { collectionKeyOf } from '../../../core/graph-sandbox/sandbox-tenant';
import { waitUntil } from '../harness/bot-under-test';
import type { Evidence } from '../harness/evidence';
import { PromotionBench } from '../harness/promotion-bench';
import { totals, type CheckTotals, type RunChecks } from '../harness/run-checks';

export const KILL_STEPS = ['claim', 'intent', 'write', 'assign', 'record', 'update-write'] as const;
export type KillStep = (typeof KILL_STEPS)[number];

export interface KillStepsOptions {
  serverUri: string;
  /** Runs per step (each on its own target, the kill on a different item each time). */
  rounds: number;
  subjects: number;
  /** The steps to kill at (default: all). */
  steps?: readonly KillStep[];
  /** One line per finished kill, for a long run's console. */
  progress?: (line: string) => void;
}

export interface KillStepRun {
  step: KillStep;
  item: string;
  /** Whether the kill landed at the step: the journal showed exactly the records the step implies. */
  killedAtStep: boolean;
  journalAtKill: { claimed: boolean; intent: boolean; createdId: boolean; result: boolean };
  status: string;
  itemOutcome: string;
  recoveryMs: number;
}

export interface KillStepsFigures extends CheckTotals {
  subjectsPerRun: number;
  killsAtStep: number;
  kills: KillStepRun[];
  details: RunChecks[];
}

/** The journal records each step leaves behind (the kill comes after the step, before the next one). */
const EXPECTED: Record<KillStep, KillStepRun['journalAtKill']> = {
  claim: { claimed: true, intent: false, createdId: false, result: false },
  intent: { claimed: true, intent: true, createdId: false, result: false },
  write: { claimed: true, intent: true, createdId: false, result: false },
  assign: { claimed: true, intent: true, createdId: true, result: false },
  record: { claimed: true, intent: true, createdId: true, result: true },
  'update-write': { claimed: true, intent: true, createdId: false, result: false },
};

export async function runKillStepsScenario(opts: KillStepsOptions, evidence: Evidence): Promise<KillStepsFigures> {
  const plan = (opts.steps ?? KILL_STEPS).flatMap((step) => Array.from({ length: opts.rounds }, (_, round) => ({ step, round })));
  const bench = await PromotionBench.start({ serverUri: opts.serverUri, scenario: 'killsteps', subjects: opts.subjects, targets: plan.length, writeLatencyMs: 5 });
  const kills: KillStepRun[] = [];
  const details: RunChecks[] = [];
  try {
    await Promise.all([bench.startWorker(), bench.startWorker()]);
    for (const [n, { step, round }] of plan.entries()) {
      const target = bench.generated.targets[n]!;
      // Creates with assignments are settings catalog subjects (every fifth); updates are device configurations.
      const action = step === 'update-write' ? 'update' : 'create';
      const candidates = bench.generated.subjectNames.filter((s) => s.action === action && (action === 'update' || s.type === 'settingsCatalog'));
      const subject = candidates[round % candidates.length]!;
      let killed: Promise<void> | undefined;
      let runId = '';
      let index = -1;
      let sourceId = '';
      let targetId = '';
      const kill = async () => {
        if (killed) return killed;
        killed = bench.killLeaseHolder(runId).then(() => undefined);
        return killed;
      };
      const key = collectionKeyOf(SUBJECT_TYPES[subject.type].collectionPath);
      const identity = SUBJECT_TYPES[subject.type].identityField;
      const isOurs = (op: SandboxOperation, id: string) => bench.sandbox.store.get(op.tenantId, key, id)?.[identity] === subject.displayName;
      bench.sandbox.observe(async ({ phase, op }) => {
        if (!runId || killed) return;
        const onTarget = op.tenantId === target.id;
        const hit =
          (step === 'claim' && phase === 'arrived' && op.tenantId === bench.generated.source.id && op.method === 'GET' && op.path.includes(sourceId)) ||
          (step === 'intent' && phase === 'arrived' && onTarget && op.method === 'POST' && op.path === key && (op.body as Record<string, unknown>)?.[identity] === subject.displayName) ||
          (step === 'write' && phase === 'applied' && onTarget && op.method === 'POST' && op.path === key && (op.body as Record<string, unknown>)?.[identity] === subject.displayName) ||
          (step === 'assign' && phase === 'applied' && onTarget && op.path.endsWith('/assign') && isOurs(op, op.path.split('/').at(-2)!)) ||
          (step === 'update-write' && phase === 'applied' && onTarget && (op.method === 'PATCH' || op.method === 'PUT') && op.path === `${key}/${targetId}`);
        if (hit) await kill();
      });
      runId = await bench.confirm(target);
      const run = await bench.db.collection('runs').findOne({ _id: runId as never });
      index = (run?.plan?.items as { displayName: string }[]).findIndex((i) => i.displayName === subject.displayName);
      const planned = run?.plan?.items?.[index] as { sourceId: string; targetId?: string };
      sourceId = planned.sourceId;
      targetId = planned.targetId ?? '';
      if (step === 'record') {
        await waitUntil(`item ${subject.displayName} recorded`, async () => ((await bench.db.collection('runJournal').findOne({ _id: `${runId}:${index}` as never, result: { $exists: true } })) ? true : undefined), 60_000, 2);
        await kill();
      } else {
        await waitUntil(`the kill at ${step}`, async () => (killed ? true : undefined), 60_000, 10);
      }
      await killed;
      const killedAt = Date.now();
      const entry = await bench.db.collection('runJournal').findOne({ _id: `${runId}:${index}` as never });
      const journalAtKill = { claimed: Boolean(entry), intent: Boolean(entry?.intent), createdId: Boolean(entry?.createdId), result: Boolean(entry?.result) };
      bench.sandbox.observe(undefined);
      // A standby worker is running; start the next standby meanwhile.
      const replacement = bench.startWorker();
      const status = await bench.settle(runId, 60_000);
      const recoveryMs = Date.now() - killedAt;
      await replacement;
      const item = await bench.db.collection('runItems').findOne({ runId, index });
      kills.push({
        step,
        item: subject.displayName,
        killedAtStep: JSON.stringify(journalAtKill) === JSON.stringify(EXPECTED[step]),
        journalAtKill,
        status,
        itemOutcome: item ? `${String(item.outcome)}${item.outcomeUnknown ? ' (outcome unknown)' : ''}` : 'not recorded',
        recoveryMs,
      });
      details.push(await bench.check(runId, target));
      opts.progress?.(`kill at ${step}: ${JSON.stringify(kills.at(-1))}`);
      bench.dropExited();
    }
  } finally {
    bench.sandbox.observe(undefined);
    await bench.stop(evidence);
  }
  return { ...totals(details), subjectsPerRun: opts.subjects, killsAtStep: kills.filter((k) => k.killedAtStep).length, kills, details };
}
