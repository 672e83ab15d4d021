// Scenario: a Graph that is only eventually consistent. Objects the target creates stay out of its lists (and answer
// 404 to GET by id) for 0 to `maxLagMs` each, and some writes are applied only after the client's timeout, so their
// answer is lost although they happen. A lost answer must be settled by watching the target, never by sending the
// write again: nothing is created twice, and an item the target did not show in time ends "outcome unknown".
import type { Evidence } from '../harness/evidence';
import { PromotionBench } from '../harness/promotion-bench';
import { totals, type CheckTotals, type RunChecks } from '../harness/run-checks';

export interface LaggingGraphOptions {
  serverUri: string;
  runs: number;
  subjects: number;
  /** Longest lag of a new object behind lists and reads. */
  maxLagMs: number;
  /** Every n-th write of a target is applied only after the client's timeout. */
  slowEvery: number;
  graphTimeoutMs: number;
  /** How long the executor watches the target after a lost answer (longer than the lag: every item can settle). */
  visibilityWaitMs: number;
}

export interface LaggingGraphFigures extends CheckTotals {
  subjectsPerRun: number;
  maxLagMs: number;
  /** Writes applied after the client had given up on them (their answer was lost; each must be settled, not resent). */
  writesAppliedAfterTimeout: number;
  /** Writes the targets received in all (a resent write would show as a duplicate or an extra write). */
  writes: number;
  details: RunChecks[];
}

export async function runLaggingGraphScenario(opts: LaggingGraphOptions, evidence: Evidence): Promise<LaggingGraphFigures> {
  const bench = await PromotionBench.start({
    serverUri: opts.serverUri,
    scenario: 'lagging',
    subjects: opts.subjects,
    targets: opts.runs,
    listLag: { maxMs: opts.maxLagMs },
    // The slow write is held past the client's timeout, then applied.
    slowWrites: { every: opts.slowEvery, latencyMs: opts.graphTimeoutMs + 500 },
    env: { GRAPH_TIMEOUT_MS: String(opts.graphTimeoutMs), WRITE_VISIBILITY_WAIT_MS: String(opts.visibilityWaitMs), RUN_LEASE_MS: '10000' },
  });
  const details: RunChecks[] = [];
  const arrived = new Map<unknown, number>();
  let late = 0;
  let writes = 0;
  bench.sandbox.observe(({ phase, op }) => {
    if (op.method === 'GET' || op.tenantId === bench.generated.source.id) return;
    if (phase === 'arrived') arrived.set(op, Date.now());
    else {
      writes += 1;
      if (Date.now() - (arrived.get(op) ?? Date.now()) > opts.graphTimeoutMs) late += 1;
      arrived.delete(op);
    }
  });
  try {
    await bench.startWorker();
    for (const target of bench.generated.targets) {
      const runId = await bench.confirm(target);
      await bench.settle(runId, opts.subjects * 2_000 + 4 * opts.visibilityWaitMs);
      details.push(await bench.check(runId, target, { lagMs: opts.maxLagMs }));
    }
  } finally {
    bench.sandbox.observe(undefined);
    await bench.stop(evidence);
  }
  return { ...totals(details), subjectsPerRun: opts.subjects, maxLagMs: opts.maxLagMs, writesAppliedAfterTimeout: late, writes, details };
}
