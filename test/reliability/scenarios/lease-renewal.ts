// Scenario: a worker loses its store mid-run, so it can no longer renew the run's lease. Its MongoDB connection goes
// through a relay that is cut while it writes; a second worker, on a working connection, is started then. The first
// must stop before its next Graph write once its last renewal no longer covers it; the second takes the run over when
// the lease runs out and finishes it. The first is then reconnected: whatever it still tries is fenced out.
import { dbUri } from '../../support/mongo';
import { waitUntil } from '../harness/bot-under-test';
import type { Evidence } from '../harness/evidence';
import { startFaultProxy } from '../harness/fault-proxy';
import { PromotionBench } from '../harness/promotion-bench';
import { totals, type CheckTotals, type RunChecks } from '../harness/run-checks';
import { startTcpCut } from '../harness/tcp-cut';

export interface LeaseRenewalOptions {
  serverUri: string;
  runs: number;
  subjects: number;
  leaseMs: number;
  writeLatencyMs?: number;
}

export interface LeaseRenewalRun {
  runId: string;
  /** Items recorded when the first worker's store was cut. */
  cutAfterItems: number;
  /** Graph writes the cut-off worker sent after its last renewal stopped covering half the lease (must be 0). */
  writesAfterCoverEnded: number;
  /** Graph writes the cut-off worker sent after the second worker took the lease over (must be 0). */
  writesAfterTakeover: number;
  takeoverMs: number;
}

export interface LeaseRenewalFigures extends CheckTotals {
  subjectsPerRun: number;
  leaseMs: number;
  writesAfterCoverEnded: number;
  writesAfterTakeover: number;
  maxTakeoverMs: number;
  cutRuns: LeaseRenewalRun[];
  details: RunChecks[];
}

const isWrite = (method: string) => method !== 'GET';

export async function runLeaseRenewalScenario(opts: LeaseRenewalOptions, evidence: Evidence): Promise<LeaseRenewalFigures> {
  const bench = await PromotionBench.start({
    serverUri: opts.serverUri,
    scenario: 'renewal',
    subjects: opts.subjects,
    targets: opts.runs,
    writeLatencyMs: opts.writeLatencyMs ?? 40,
    env: { RUN_LEASE_MS: String(opts.leaseMs), PROMOTION_LOCK_LIFETIME_MS: String(opts.leaseMs) },
  });
  const details: RunChecks[] = [];
  const runs: LeaseRenewalRun[] = [];
  try {
    for (const target of bench.generated.targets) {
      // The worker that will be cut off: its store through the relay, its Graph traffic through a recording proxy.
      const relay = await startTcpCut(opts.serverUri);
      const graph = await startFaultProxy(bench.sandbox.baseUrl);
      const doomed = await bench.startWorker({ MONGODB_URI: dbUri(relay.uri, bench.bot.dbName), SANDBOX_URL: graph.baseUrl });
      try {
        const runId = await bench.confirm(target);
        const cutAfterItems = Math.max(1, Math.floor(opts.subjects / 4));
        await waitUntil('items recorded before the cut', async () => ((await bench.db.collection('runItems').countDocuments({ runId })) >= cutAfterItems ? true : undefined), 60_000, 5);
        const lease = await bench.db.collection('runLeases').findOne({ _id: runId as never });
        const cutAt = Date.now();
        relay.cut();
        const rescuer = await bench.startWorker();
        const takenAt = await waitUntil(
          'another worker to take the lease over',
          async () => (Number((await bench.db.collection('runLeases').findOne({ _id: runId as never }))?.token) > Number(lease?.token) ? Date.now() : undefined),
          60_000,
          10,
        );
        await bench.settle(runId, 60_000 + opts.subjects * 1_000);
        // Reconnected, the cut-off worker may go on with whatever it was doing: the fence must refuse it.
        relay.restore();
        await new Promise((r) => setTimeout(r, 3_000));
        const writes = graph.requests.filter((r) => isWrite(r.method));
        runs.push({
          runId,
          cutAfterItems,
          writesAfterCoverEnded: writes.filter((r) => r.arrivedAt > cutAt + opts.leaseMs / 2 + 250).length,
          writesAfterTakeover: writes.filter((r) => r.arrivedAt > takenAt).length,
          takeoverMs: takenAt - cutAt,
        });
        details.push(await bench.check(runId, target));
        await rescuer.stop(5_000);
      } finally {
        await doomed.kill();
        await graph.close();
        await relay.close();
      }
    }
  } finally {
    await bench.stop(evidence);
  }
  return {
    ...totals(details),
    subjectsPerRun: opts.subjects,
    leaseMs: opts.leaseMs,
    writesAfterCoverEnded: runs.reduce((n, r) => n + r.writesAfterCoverEnded, 0),
    writesAfterTakeover: runs.reduce((n, r) => n + r.writesAfterTakeover, 0),
    maxTakeoverMs: Math.max(0, ...runs.map((r) => r.takeoverMs)),
    cutRuns: runs,
    details,
  };
}
