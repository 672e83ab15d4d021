// The guarantees issue 13 asks of every promotion fault scenario, measured for one run: what the target holds (no
// duplicate, no lost item), what the run record says (ended, outcome unknown counted apart), what the journal kept
// (a before-image for every overwritten object) and what a fresh compare says of every "verified" subject (In sync).
import { resolveActorContext } from '../../../core/access/actor-context';
import { ActorId } from '../../../core/ids';
import { compareTenants } from '../../../core/workflows/compare-tenants';
import type { GraphSandbox } from '../../../core/graph-sandbox/sandbox-server';
import type { Db } from 'mongodb';
import type { BotUnderTest } from './bot-under-test';
import type { GeneratedTenant, GeneratedTenants } from './generated-tenants';
import { TERMINAL } from './promote-from-chat';
import { duplicatesAndLost } from './target-state';

/** One run's figures against the guarantees. */
export interface RunChecks {
  runId: string;
  status: string;
  /** Why the run failed, as the operator reads it (failed runs only). */
  failureReason?: string;
  /** 1 when the run is still queued or running after the scenario's wait. */
  leftRunning: number;
  duplicates: number;
  /** Items neither in the target nor ended "outcome unknown", or never recorded. */
  lost: number;
  outcomeUnknown: number;
  /** Update items the run wrote or meant to write (an intent in the journal, or a succeeded result). */
  overwritten: number;
  /** Of those, the ones whose journal intent holds the target's full read before the write. */
  withBeforeImage: number;
  verified: number;
  /** Of the verified subjects, those a fresh compare (snapshots refreshed after the run) shows In sync. */
  verifiedInSyncInCompare: number;
  /** False when the compare could not refresh the target's snapshot (then the compare figure is not fresh). */
  compareFresh: boolean;
  /** Why it was not fresh: the snapshot's stale reason, or that the refresh had not finished within the wait. */
  compareStaleBecause?: string;
  targetLocksLeft: number;
  /** Items that did not succeed, with the run detail's reason. */
  notSucceeded: { displayName: string; outcome: string; outcomeUnknown: boolean; reason?: string }[];
  /** The run ended as it should under faults: `succeeded`, or `partially_succeeded` only through outcome-unknown items. */
  endedWell: boolean;
}

interface Bench {
  db: Db;
  bot: BotUnderTest;
  sandbox: GraphSandbox;
  generated: GeneratedTenants;
}

export async function checkRun(bench: Bench, runId: string, target: GeneratedTenant, opts: { lagMs?: number } = {}): Promise<RunChecks> {
  const { db, sandbox, generated } = bench;
  const run = await db.collection('runs').findOne({ _id: runId as never });
  const status = String(run?.status ?? 'absent');
  const items = await db.collection('runItems').find({ runId }).toArray();
  const journal = await db.collection('runJournal').find({ runId }).toArray();
  const subjects = generated.subjectNames.length;

  // An item ended "outcome unknown" is recorded and reported to the operator: neither lost nor a duplicate.
  const unknown = items.filter((i) => i.outcomeUnknown === true);
  const unknownNames = new Set(unknown.map((i) => `${String(i.type)}:${String(i.displayName)}`));
  const expected = generated.subjectNames.filter((s) => !unknownNames.has(`${s.type}:${s.displayName}`));
  const inTarget = duplicatesAndLost(sandbox.store, target.id, generated.subjectNames);
  const missing = duplicatesAndLost(sandbox.store, target.id, expected).lost;
  const unrecorded = subjects - items.filter((i) => i.outcome === 'succeeded').length - unknown.length;

  const overwritten = new Set<number>();
  for (const entry of journal) if (entry.intent?.action === 'update') overwritten.add(Number(entry.index));
  for (const item of items) if (item.action === 'update' && item.outcome === 'succeeded') overwritten.add(Number(item.index));
  const beforeImageOf = new Map(journal.map((e) => [Number(e.index), e.intent?.before]));
  const withBeforeImage = [...overwritten].filter((index) => {
    const before = beforeImageOf.get(index);
    return before?.kind === 'present' && typeof before.targetId === 'string' && typeof before.payload === 'object' && before.payload !== null;
  }).length;

  const notSucceeded = items.filter((i) => i.outcome !== 'succeeded');
  const verifiedItems = items.filter((i) => i.verification?.inSync === true);
  const compare = await freshCompare(bench, target, Boolean(run?.plan?.includeAssignments), opts.lagMs ?? 0);
  const verifiedInSyncInCompare = verifiedItems.filter((i) => compare.states.get(`${String(i.type)}:${String(i.displayName).toLowerCase()}`) === 'in_sync').length;

  return {
    runId,
    status,
    ...(run?.failureReason ? { failureReason: String(run.failureReason) } : {}),
    leftRunning: TERMINAL.includes(status) ? 0 : 1,
    duplicates: inTarget.duplicates,
    lost: Math.max(missing, unrecorded),
    outcomeUnknown: unknown.length,
    overwritten: overwritten.size,
    withBeforeImage,
    verified: verifiedItems.length,
    verifiedInSyncInCompare,
    compareFresh: compare.fresh,
    ...(compare.staleBecause ? { compareStaleBecause: compare.staleBecause } : {}),
    targetLocksLeft: await db.collection('runLocks').countDocuments({ _id: target.id as never }),
    notSucceeded: notSucceeded.map((i) => ({
      displayName: String(i.displayName),
      outcome: String(i.outcome),
      outcomeUnknown: i.outcomeUnknown === true,
      ...(i.reason ? { reason: String(i.reason).slice(0, 300) } : {}),
    })),
    endedWell: status === 'succeeded' || (status === 'partially_succeeded' && notSucceeded.every((i) => i.outcomeUnknown === true)),
  };
}

/**
 * The compare an operator runs after the run, with both snapshots refreshed now (a worker process does the refresh,
 * as in production); waits out the target's list lag first so the compare sees what Graph will show.
 */
async function freshCompare(bench: Bench, target: GeneratedTenant, includeAssignments: boolean, lagMs: number) {
  if (lagMs > 0) await new Promise((r) => setTimeout(r, lagMs));
  return compareOnce(bench, target, includeAssignments);
}

/**
 * How long the fresh compare waits for the worker's refresh: the sync it asks for queues behind the sync each run
 * ends with (one sync at a time per worker), which on a loaded 2-core machine takes longer than chat's 20 s.
 */
const FRESH_COMPARE_WAIT_MS = 45_000;

/** A compare of the bench's source against `target` with both snapshots refreshed now: each subject's state, and whether it was fresh. */
export async function compareOnce(bench: Bench, target: GeneratedTenant, includeAssignments: boolean) {
  const askedAt = Date.now();
  const ctx = await resolveActorContext(bench.bot.system.deps.directory, ActorId('demo-operator'));
  const comparison = await compareTenants({ ...bench.bot.system.deps, refreshWaitMs: FRESH_COMPARE_WAIT_MS }, ctx, {
    sourceTenantId: bench.generated.source.id,
    targetTenantId: target.id,
    types: [],
    includeAssignments,
    refresh: true,
  });
  const states = new Map(comparison.preview.entries.map((e) => [`${e.type}:${e.displayName.toLowerCase()}`, e.state]));
  const snapshot = comparison.targetSnapshot;
  const refreshed = snapshot.lastAttemptAt.getTime() >= askedAt - 1000;
  const staleBecause = snapshot.staleReason ?? (refreshed ? undefined : `not refreshed within ${FRESH_COMPARE_WAIT_MS / 1000} s (last attempt ${Math.round((askedAt - snapshot.lastAttemptAt.getTime()) / 1000)} s before asking)`);
  return { states, fresh: staleBecause === undefined, ...(staleBecause ? { staleBecause } : {}) };
}

/** Figures over several runs: sums, and the before-image share of all overwritten objects. */
export function totals(checks: readonly RunChecks[]) {
  const sum = (f: (c: RunChecks) => number) => checks.reduce((n, c) => n + f(c), 0);
  const overwritten = sum((c) => c.overwritten);
  const verified = sum((c) => c.verified);
  return {
    runs: checks.length,
    succeeded: checks.filter((c) => c.status === 'succeeded').length,
    /** Runs that ended other than `succeeded` or `partially_succeeded` through outcome-unknown items only. */
    endedBadly: checks.filter((c) => !c.endedWell).length,
    runsLeftRunning: sum((c) => c.leftRunning),
    duplicates: sum((c) => c.duplicates),
    lostItems: sum((c) => c.lost),
    outcomeUnknown: sum((c) => c.outcomeUnknown),
    overwritten,
    beforeImagePercent: overwritten === 0 ? 100 : Math.round((sum((c) => c.withBeforeImage) / overwritten) * 1000) / 10,
    verified,
    // Judged on fresh compares only; a compare that could not refresh is counted in staleCompares instead.
    verifiedNotInSync: sum((c) => (c.compareFresh ? c.verified - c.verifiedInSyncInCompare : 0)),
    staleCompares: checks.filter((c) => !c.compareFresh).length,
    targetLocksLeft: sum((c) => c.targetLocksLeft),
  };
}

export type CheckTotals = ReturnType<typeof totals>;
