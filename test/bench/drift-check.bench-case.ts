// Item 7: one drift watch check at 5,000 subjects per side, as the worker runs it (checkWatch with the inline
// refresher, the real GraphClient against the sandbox, MongoDB stores): when nothing changed, how long it takes and
// how many Graph requests it makes, both when it must re-read the tenants and when a sync since the last check
// already did.
import { randomUUID } from 'node:crypto';
import { applySeed } from '../../core/access/seed';
import { GraphClient } from '../../core/graph/graph-client';
import { StaticTokenProvider } from '../../core/graph/static-token-provider';
import { startGraphSandbox } from '../../core/graph-sandbox/sandbox-server';
import { ActorId, TenantId } from '../../core/ids';
import { InlineInventoryRefresher } from '../../core/inventory/inline-refresher';
import { memoryLogger } from '../../core/logging/logger';
import { ensureIndexes } from '../../core/store/collections';
import { MongoAuditLog } from '../../core/store/mongo-audit-log';
import { MongoDirectoryStore } from '../../core/store/mongo-directory-store';
import { MongoSnapshotStore } from '../../core/store/mongo-snapshot-store';
import { MongoWatchStore } from '../../core/store/mongo-watch-store';
import { SUBJECT_TYPES } from '../../core/subjects/registry';
import type { DriftPoster } from '../../core/watches/drift-poster';
import { checkWatch, type WatchCheckDeps } from '../../core/workflows/check-watch';
import { BENCH_WORKSPACE } from './bench-snapshots';
import { requestBudget } from './graph-requests.bench-case';
import { generateTenantPair } from './generate-tenant';
import { stats } from './measure';
import { figure, type BenchFigure } from './results';
import type { BenchContext } from './run';

const SUBJECTS = 5_000;
const PAGE_SIZE = 100;
const REUSE_ROUNDS = 5;

/** The three figures of item 7. */
export async function driftCheckFigures(ctx: BenchContext): Promise<BenchFigure[]> {
  const pair = generateTenantPair({ subjects: SUBJECTS });
  const sandbox = await startGraphSandbox({ tenants: [pair.source, pair.target], pageSize: PAGE_SIZE });
  try {
    const { db } = await ctx.mongo.database('drift');
    await ensureIndexes(db);
    const directory = new MongoDirectoryStore(db);
    const owner = ActorId('bench-operator');
    const both = { [pair.source.displayName]: ['TENANT_VIEW' as const], [pair.target.displayName]: ['TENANT_VIEW' as const] };
    await applySeed(directory, {
      workspaces: [{
        id: BENCH_WORKSPACE, name: 'Bench MSP', requireSecondApprover: false,
        tenants: [{ id: pair.source.id, displayName: pair.source.displayName, environment: 'staging', credentials: {} }, { id: pair.target.id, displayName: pair.target.displayName, environment: 'production', credentials: {} }],
        members: [{ actorId: owner, displayName: 'Olivia Operator', workspace: ['WORKSPACE_BASELINES_VIEW'], tenants: both }],
      }],
    });
    const graph = new GraphClient({ baseUrl: sandbox.baseUrl, tokens: new StaticTokenProvider() });
    const snapshots = new MongoSnapshotStore(db);
    const watches = new MongoWatchStore(db);
    let posts = 0;
    const poster: DriftPoster = { post: async () => ((posts += 1), 'posted') };
    const deps: WatchCheckDeps = {
      directory, snapshots, watches, poster, audit: new MongoAuditLog(db),
      refresher: new InlineInventoryRefresher({ directory, graph, snapshots, types: Object.values(SUBJECT_TYPES), now: () => new Date() }),
      freshnessMs: 24 * 3_600_000, refreshWaitMs: 0, leaseMs: 15 * 60_000, owner: 'bench', now: () => new Date(), log: memoryLogger(),
    };
    const id = randomUUID();
    const conversationId = '19:bench@thread.tacv2';
    await watches.insert({
      id, workspaceId: BENCH_WORKSPACE, sourceTenantId: TenantId(pair.source.id), targetTenantId: TenantId(pair.target.id), types: [], includeAssignments: true, intervalHours: 24,
      conversation: { id: conversationId, kind: 'channel', reference: { conversation: { id: conversationId } } }, createdBy: owner, createdAt: new Date(), status: 'active', nextCheckAt: new Date(),
    });
    const requests = () => graph.requestCount(pair.source.id) + graph.requestCount(pair.target.id);
    const check = async () => {
      const before = requests();
      const cpu = process.cpuUsage();
      const started = performance.now();
      const outcome = await checkWatch(deps, { workspaceId: BENCH_WORKSPACE, watchId: id });
      const used = process.cpuUsage(cpu);
      return { outcome, ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, requests: requests() - before };
    };

    const first = await check();
    if (first.outcome !== 'posted' || posts !== 1) throw new Error(`the first check should post the baseline, got ${first.outcome}`);
    ctx.log(`drift: first check ${(first.ms / 1000).toFixed(1)} s, ${first.requests} requests`);
    const reread = await check(); // both snapshots predate the last check: both tenants are read again
    if (reread.outcome !== 'unchanged' || posts !== 1) throw new Error(`nothing changed, yet the check ended ${reread.outcome}`);

    const reuse: { ms: number; cpuMs: number; requests: number }[] = [];
    for (let round = 0; round < REUSE_ROUNDS + 1; round++) {
      // A sync since the last check (the scheduled inventory.sync, a compare) leaves snapshots the check reuses.
      for (const t of [pair.source.id, pair.target.id]) await db.collection('inventorySnapshots').updateOne({ workspaceId: BENCH_WORKSPACE, tenantId: t }, { $set: { observedAt: new Date(), lastAttemptAt: new Date() } });
      const r = await check();
      if (r.outcome !== 'unchanged') throw new Error(`nothing changed, yet the check ended ${r.outcome}`);
      if (round > 0) reuse.push(r);
    }
    const budget = requestBudget(pair.source, PAGE_SIZE).minimum + requestBudget(pair.target, PAGE_SIZE).minimum;
    const reuseMs = stats(reuse.map((r) => r.ms));
    return [
      figure({
        id: 'drift-check-5000-reread', item: 7,
        title: `Drift watch check, ${SUBJECTS.toLocaleString('en-US')} subjects per side, nothing changed, both tenants re-read`,
        value: reread.ms, unit: 'ms', reference: { value: first.ms, unit: 'ms', label: 'first check (baseline posted)' }, target: null,
        notes: `One check as the worker runs it: claim, re-authorise the creator, read both tenants through the GraphClient (page size ${PAGE_SIZE}), compare, diff against the announced result, record; nothing posted. CPU ${Math.round(reread.cpuMs)} ms of this process (the sandbox runs in it too).`,
      }),
      figure({
        id: 'drift-check-5000-requests', item: 7,
        title: `Graph requests of that check (nothing changed, ${SUBJECTS.toLocaleString('en-US')} subjects per side)`,
        value: reread.requests, unit: 'requests', reference: { value: budget, unit: 'requests', label: 'minimum for two full reads' },
        target: { op: '<=', value: Math.floor(budget * 1.05), unit: 'requests' },
        notes: `A check re-reads a tenant only when its snapshot was not observed since the last check (or is older than the freshness window); when a sync since then already read both, the check makes ${reuse[0]?.requests ?? 0} requests (next row).`,
      }),
      figure({
        id: 'drift-check-5000-reuse', item: 7,
        title: `Drift watch check, ${SUBJECTS.toLocaleString('en-US')} subjects per side, nothing changed, snapshots already fresh`,
        value: reuseMs.median, unit: 'ms', spread: { n: reuseMs.n, median: reuseMs.median, p95: reuseMs.p95 }, reference: null, target: null,
        notes: `Loads both snapshots from MongoDB, compares and diffs; ${Math.max(...reuse.map((r) => r.requests))} Graph requests. CPU median ${Math.round(stats(reuse.map((r) => r.cpuMs)).median)} ms; median of ${REUSE_ROUNDS} after one warm-up.`,
      }),
    ];
  } finally {
    await sandbox.close();
  }
}
