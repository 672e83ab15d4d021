// Item 5: promotion throughput. A 500-subject run, confirmed through the promotion workflow and executed by the real
// executor against the sandbox with 50 ms write latency and a write throttle answering 429 + Retry-After beyond a set
// rate: items per second beside the ceiling the throttle allows (rate ÷ writes per item), and the 429s received.
import type { Tenant } from '../../core/access/model';
import { GraphClient } from '../../core/graph/graph-client';
import { StaticTokenProvider } from '../../core/graph/static-token-provider';
import { startGraphSandbox } from '../../core/graph-sandbox/sandbox-server';
import { RunId } from '../../core/ids';
import type { InventorySnapshot } from '../../core/inventory/model';
import { readTenantInventory } from '../../core/inventory/read-tenant';
import { DEFAULT_EXECUTOR_SETTINGS, executeRun } from '../../core/promotion/execute-run';
import { jsonLogger } from '../../core/logging/logger';
import { isTransientStoreError } from '../../core/store/mongo-errors';
import { MongoItemJournal } from '../../core/store/mongo-item-journal';
import { MongoRunLease } from '../../core/store/mongo-run-lease';
import type { PlanItem } from '../../core/promotion/plan';
import type { RunProgressNotifier } from '../../core/promotion/progress';
import { SUBJECT_TYPES } from '../../core/subjects/registry';
import { generatePreflight } from '../../core/workflows/generate-preflight';
import { confirmPromotion, requestPromotion } from '../../core/workflows/start-promotion';
import { BENCH_ACTORS, benchWorld } from './bench-world';
import { generateTenantPair } from './generate-tenant';
import { figure, type BenchFigure } from './results';
import type { BenchContext } from './run';

/** The run's shape and the sandbox's limits. */
export interface ThroughputOptions {
  creates?: number;
  updates?: number;
  writeLatencyMs?: number;
  writesPerSecond?: number;
  pageSize?: number;
}

/**
 * Writes one plan item makes: its create or update requests, plus the assign call when assignments are promoted and
 * the target does not hold them yet (a new object holds none; an existing one by the snapshots' portable hashes).
 */
function writesOf(item: PlanItem, source: InventorySnapshot, target: InventorySnapshot, includeAssignments: boolean): number {
  const type = SUBJECT_TYPES[item.type];
  const subject = source.subjects.find((s) => s.type === item.type && s.graphId === item.sourceId)!;
  const translate = () => 'mapped';
  const writes =
    item.action === 'create' ? type.createRequests(subject.payload, translate) : type.updateRequests('target', subject.payload, translate);
  const existing = target.subjects.find((s) => s.type === item.type && s.graphId === item.targetId);
  const held = existing ? existing.assignmentsHash === subject.assignmentsHash : subject.assignments.length === 0;
  return writes.length + (includeAssignments && !held && type.assignRequest('target', subject.assignments, translate) ? 1 : 0);
}

/** Timestamps of the executor's progress reports (before and after every item). */
class TimedProgress implements RunProgressNotifier {
  readonly updates: number[] = [];
  async update(): Promise<void> {
    this.updates.push(performance.now());
  }
  async completed(): Promise<void> {}
}

/** Items per second of the write phase beside the throttle's ceiling (target ≥ 80 %), and the 429s received. */
export async function promotionThroughputFigures(ctx: BenchContext, opts: ThroughputOptions = {}): Promise<BenchFigure[]> {
  const creates = opts.creates ?? 400;
  const updates = opts.updates ?? 100;
  const rate = opts.writesPerSecond ?? 20;
  const latency = opts.writeLatencyMs ?? 50;
  const subjects = creates + updates;
  const mix = { different: updates / subjects, missing: creates / subjects, gap: 0, secret: 0, duplicate: 0 };
  const pair = generateTenantPair({ subjects, seed: 5, mix });
  const sandbox = await startGraphSandbox({
    tenants: [{ ...pair.source, readOnly: true }, pair.target],
    pageSize: opts.pageSize ?? 100,
    writeLatencyMs: latency,
    writeRateLimit: { perSecond: rate },
  });
  try {
    const now = () => new Date();
    const world = await benchWorld(
      ctx.mongo,
      'promotion',
      { source: { id: pair.source.id, displayName: 'Contoso Staging' }, target: { id: pair.target.id, displayName: 'Contoso Production' } },
      now,
    );
    const graph = new GraphClient({ baseUrl: sandbox.baseUrl, tokens: new StaticTokenProvider() });
    const types = Object.values(SUBJECT_TYPES);
    const snapshot = async (tenant: Tenant): Promise<InventorySnapshot> => {
      const inventory = await readTenantInventory(graph, tenant, types);
      const observedAt = now();
      return { workspaceId: tenant.workspaceId, tenantId: tenant.id, observedAt, lastAttemptAt: observedAt, ...inventory };
    };
    const source = await snapshot(world.source);
    await world.deps.snapshots.replace(source);
    const target = await snapshot(world.target);
    await world.deps.snapshots.replace(target);

    const operator = await world.request(BENCH_ACTORS.operator);
    const selection = { sourceTenantId: world.source.id, targetTenantId: world.target.id, types: [], includeAssignments: true };
    const preflight = await generatePreflight(world.deps, operator.ctx, selection);
    const asked = await requestPromotion(world.deps, operator.ctx, { ...selection, fingerprint: preflight.preflight.fingerprint });
    if (asked.kind !== 'confirm') throw new Error(`promotion request refused: ${asked.refusal.kind}`);
    const confirmed = await confirmPromotion(world.deps, (await world.request(BENCH_ACTORS.approver)).ctx, asked.request.id);
    if (confirmed.kind !== 'started') throw new Error(`promotion not started: ${confirmed.kind}`);
    const run = confirmed.run;
    const writesPerItem = run.plan.items.map((item) => writesOf(item, source, target, run.plan.includeAssignments));
    const totalWrites = writesPerItem.reduce((a, b) => a + b, 0);

    graph.resetCounts();
    const progress = new TimedProgress();
    const started = performance.now();
    await executeRun(
      {
        runs: world.deps.runs,
        directory: world.deps.directory,
        controls: world.deps.controls,
        audit: world.deps.audit,
        graph,
        progress,
        lease: new MongoRunLease(world.db),
        journal: new MongoItemJournal(world.db),
        logger: jsonLogger({ level: 'error' }),
        settings: { ...DEFAULT_EXECUTOR_SETTINGS, owner: 'bench-worker' },
        isTransient: isTransientStoreError,
        now,
      },
      RunId(run.id),
    );
    const runSeconds = (performance.now() - started) / 1000;

    const finished = (await world.deps.runs.get(run.workspaceId, run.id))!;
    const writes = Object.values(sandbox.store.counters(world.target.id).writes).reduce((a, b) => a + b, 0);
    if (finished.summary.succeeded !== run.plan.items.length)
      throw new Error(`run ended ${finished.status}: ${JSON.stringify(finished.summary)}`);
    if (writes !== totalWrites)
      throw new Error(
        `the target received ${writes} writes, the plan needs exactly ${totalWrites}: an item was written twice or not at all`,
      );

    const writeSeconds = (progress.updates.at(-1)! - progress.updates[0]!) / 1000;
    const itemsPerSecond = run.plan.items.length / writeSeconds;
    const averageWrites = totalWrites / run.plan.items.length;
    const ceiling = rate / averageWrites;
    const throttled = graph.throttledCount(world.target.id);
    const conditions = `${run.plan.items.length} items (${run.plan.items.filter((i) => i.action === 'create').length} creates, ${run.plan.items.filter((i) => i.action === 'update').length} updates), ${latency} ms write latency, throttle ${rate} writes/s per tenant (token bucket), page size ${opts.pageSize ?? 100}`;
    return [
      figure({
        id: 'promotion-throughput',
        item: 5,
        title: `Promotion throughput, ${run.plan.items.length}-subject run`,
        value: itemsPerSecond,
        unit: 'items/s',
        reference: {
          value: ceiling,
          unit: 'items/s',
          label: `throttle ceiling: ${rate} writes/s ÷ ${averageWrites.toFixed(2)} writes per item`,
        },
        target: { op: '>=', value: Number((0.8 * ceiling).toFixed(2)), unit: 'items/s' },
        notes:
          `${conditions}. Write phase ${writeSeconds.toFixed(1)} s (first to last item), whole run ${runSeconds.toFixed(1)} s including re-authorisation and read-back ` +
          `(verified ${finished.verified ?? 0}). Target received exactly the ${totalWrites} writes the plan needs (none repeated); ${graph.requestCount(world.target.id)} requests to the target, ` +
          `${graph.requestCount(world.source.id)} to the source.`,
      }),
      figure({
        id: 'promotion-429s',
        item: 5,
        title: 'Promotion: 429 answers received',
        value: throttled,
        unit: '429s',
        reference: { value: totalWrites, unit: 'writes', label: 'writes made' },
        ratio: null,
        target: null,
        notes: `Each 429 carried Retry-After (whole seconds) and was retried after it; the sandbox counted ${sandbox.store.counters(world.target.id).throttled} refusals. ${conditions}.`,
      }),
    ];
  } finally {
    await sandbox.close();
  }
}
