// A bench workspace on the run's MongoDB: the generated source and target tenants, an operator, an approver and an
// admin, every store the bot uses, and BotRequests built for those members exactly as a turn would build them.
import { MongoItemJournal } from '../../core/store/mongo-item-journal';
import type { TurnContext } from 'botbuilder';
import type { Db } from 'mongodb';
import type { BotDeps } from '../../bot/bot-deps';
import { ExportLinks } from '../../bot/export-links';
import type { BotRequest } from '../../bot/turn';
import { resolveActorContext } from '../../core/access/actor-context';
import type { Tenant } from '../../core/access/model';
import { applySeed } from '../../core/access/seed';
import { ActorId, TenantId } from '../../core/ids';
import { ensureIndexes } from '../../core/store/collections';
import { MongoAuditLog } from '../../core/store/mongo-audit-log';
import { MongoControlStore } from '../../core/store/mongo-control-store';
import { MongoConversationStore } from '../../core/store/mongo-conversation-store';
import { MongoDirectoryStore } from '../../core/store/mongo-directory-store';
import { MongoMappingStore } from '../../core/store/mongo-mapping-store';
import { MongoPromotionRequestStore } from '../../core/store/mongo-promotion-request-store';
import { MongoRunStore } from '../../core/store/mongo-run-store';
import { MongoWatchStore } from '../../core/store/mongo-watch-store';
import { MongoSnapshotStore } from '../../core/store/mongo-snapshot-store';
import { BENCH_WORKSPACE } from './bench-snapshots';
import type { BenchMongo } from './bench-mongo';
import { MemorySnapshotStore } from './memory-snapshot-store';
import { jsonLogger } from '../../core/logging/logger';

/** Members of the bench workspace. */
export const BENCH_ACTORS = {
  operator: ActorId('bench-operator'),
  approver: ActorId('bench-approver'),
  admin: ActorId('bench-admin'),
} as const;

/** The workspace, its two tenants and the bot's dependencies over a fresh database. */
export interface BenchWorld {
  deps: BotDeps;
  /** The world's database, for the stores a worker adds (lease, journal). */
  db: Db;
  source: Tenant;
  target: Tenant;
  /** Runs queued through `deps.queue` (not executed). */
  queued: string[];
  /** A request as a turn of `actorId` would open it (context resolved anew). */
  request(actorId: ActorId): Promise<BotRequest>;
}

/** Tenant ids and names as the directory registers them. */
export interface WorldTenants {
  source: { id: string; displayName: string };
  target: { id: string; displayName: string };
}

/**
 * Creates the world on its own database; `now` is the clock of every store write and card. Snapshots live in memory
 * unless `snapshotsInMongo`: every other store is the MongoDB adapter the bot uses.
 */
export async function benchWorld(
  mongo: BenchMongo,
  purpose: string,
  tenants: WorldTenants,
  now: () => Date,
  snapshotsInMongo = false,
): Promise<BenchWorld> {
  const { db } = await mongo.database(purpose);
  await ensureIndexes(db);
  const directory = new MongoDirectoryStore(db);
  const both = {
    [tenants.source.displayName]: ['TENANT_VIEW' as const],
    [tenants.target.displayName]: ['TENANT_VIEW' as const, 'TENANT_MANAGE' as const],
  };
  const promoter = ['WORKSPACE_BASELINES_VIEW' as const, 'WORKSPACE_BASELINES_MANAGE' as const];
  await applySeed(directory, {
    workspaces: [
      {
        id: BENCH_WORKSPACE,
        name: 'Bench MSP',
        requireSecondApprover: false,
        tenants: [
          { ...tenants.source, environment: 'staging', credentials: {} },
          { ...tenants.target, environment: 'production', credentials: {} },
        ],
        members: [
          { actorId: BENCH_ACTORS.operator, displayName: 'Olivia Operator-Lindqvist', workspace: promoter, tenants: both },
          { actorId: BENCH_ACTORS.approver, displayName: 'Aleksander Approver-Nakamura', workspace: promoter, tenants: both },
          {
            actorId: BENCH_ACTORS.admin,
            displayName: 'Adaeze Admin-Fitzgerald',
            workspace: ['WORKSPACE_ADMIN', ...promoter],
            tenants: both,
          },
        ],
      },
    ],
  });
  const queued: string[] = [];
  const snapshots = snapshotsInMongo ? new MongoSnapshotStore(db) : new MemorySnapshotStore();
  const deps: BotDeps = {
    directory,
    snapshots,
    runs: new MongoRunStore(db),
    audit: new MongoAuditLog(db),
    controls: new MongoControlStore(db),
    mappings: new MongoMappingStore(db),
    requests: new MongoPromotionRequestStore(db),
    journal: new MongoItemJournal(db),
    // The benchmarks measure chat answers over snapshots; none reads a live tenant (undo previews are not benchmarked).
    graph: { request: async () => Promise.reject(new Error('no live tenant in benchmarks')), listAll: async () => Promise.reject(new Error('no live tenant in benchmarks')) },
    conversations: new MongoConversationStore(db),
    refresher: { refresh: async () => true },
    queue: { enqueue: async (runId) => void queued.push(String(runId)), resume: async () => undefined },
    workers: { anyAlive: async () => true },
    watches: new MongoWatchStore(db),
    watchQueue: { checkNow: async () => undefined },
    exports: new ExportLinks({ baseUrl: () => 'https://tenantatlas.contoso.example', ttlMs: 15 * 60_000, now }),
    freshnessMs: 24 * 3_600_000,
    refreshWaitMs: 0,
    now,
    demoMode: false,
    logger: jsonLogger({ write: () => undefined }),
    log: () => undefined,
  };
  const tenant = async (id: string) => (await directory.getTenant(BENCH_WORKSPACE, TenantId(id)))!;
  return {
    deps,
    db,
    source: await tenant(tenants.source.id),
    target: await tenant(tenants.target.id),
    queued,
    request: async (actorId) => ({ turn: undefined as unknown as TurnContext, ctx: await resolveActorContext(directory, actorId), deps }),
  };
}
