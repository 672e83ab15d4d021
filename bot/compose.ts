import { hostname } from 'node:os';
import path from 'node:path';
import { MongoClient, type Db } from 'mongodb';
import type { Agenda } from 'agenda';
import { isDemoMode, type Env } from '../core/config/env';
import { errorFields, type Logger } from '../core/logging/logger';
import { ensureIndexes } from '../core/store/collections';
import { MongoAuditLog } from '../core/store/mongo-audit-log';
import { MongoControlStore } from '../core/store/mongo-control-store';
import { MongoConversationStore } from '../core/store/mongo-conversation-store';
import { MongoDirectoryStore } from '../core/store/mongo-directory-store';
import { MongoMappingStore } from '../core/store/mongo-mapping-store';
import { MongoPromotionRequestStore } from '../core/store/mongo-promotion-request-store';
import { REPO_ROOT, resolveMongo } from '../core/store/mongo-resolver';
import { MongoRunStore } from '../core/store/mongo-run-store';
import { MongoRunLease } from '../core/store/mongo-run-lease';
import { MongoItemJournal } from '../core/store/mongo-item-journal';
import { isTransientStoreError } from '../core/store/mongo-errors';
import { MongoSnapshotStore } from '../core/store/mongo-snapshot-store';
import { MongoWatchStore } from '../core/store/mongo-watch-store';
import { AgendaWatchQueue } from '../jobs/drift-jobs';
import { AdapterDriftPoster } from './drift-poster';
import { AgendaInventoryRefresher, AgendaPromotionQueue } from '../jobs/queues';
import { createScheduler } from '../jobs/scheduler';
import { createAdapter } from './adapter';
import { createBotApplication } from './app';
import type { BotDeps } from './bot-deps';
import { ExportLinks } from './export-links';
import { applySeed, readSeedFile } from '../core/access/seed';
import { GraphClient } from '../core/graph/graph-client';
import { MsalTokenProvider } from '../core/graph/msal-token-provider';
import { MongoWorkerHeartbeats } from '../core/store/mongo-worker-heartbeats';
import { MISSED_BEATS_BEFORE_GONE, presenceFromHeartbeats } from '../core/workers/heartbeats';
import { startWorkerRole, type WorkerRole } from './worker-role';
import type { GraphSandbox } from '../core/graph-sandbox/sandbox-server';
import { startDemoGraph } from './demo';
import { exportRoute } from './handlers/export-route';
import { ConversationNotifier } from './notifier';
import { startServer, type BotServer } from './server';

/** A running TenantAtlas: what `npm start` and the end-to-end tests hold and stop. */
export interface RunningSystem {
  port: number | undefined;
  db: Db;
  deps: BotDeps;
  agenda: Agenda;
  graphBaseUrl: string;
  /** The demo Graph sandbox, when demo mode runs one. */
  sandbox?: GraphSandbox;
  /** The worker, when this process runs one (ROLE=all or worker). */
  worker?: WorkerRole;
  /** The process's structured log (also `deps.logger`), to hand on to anything started beside the system. */
  logger: Logger;
  /** The conversation notifier the worker reports run progress and endings to. */
  notifier: ConversationNotifier;
  stop(): Promise<void>;
}

/** How long shutdown waits for final run messages still being posted (Teams may be throttling). */
const NOTICE_FLUSH_MS = 10_000;

/** Assembles and starts the system for the configured role. Demo mode brings its own Graph sandbox and directory. */
export async function startSystem(env: Env, logger: Logger): Promise<RunningSystem> {
  const demoMode = isDemoMode(env);
  const log = (msg: string) => logger.info(msg);
  const stops: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch((error: unknown) => logger.warn('shutdown.step.failed', errorFields(error)));
  };
  try {
    // Demo mode keeps its data (DATA_DIR, `.data/` by default) so a restart shows the runs made before it.
    const mongo = await resolveMongo({ uri: env.MONGODB_URI, dataDir: demoMode ? path.join(path.resolve(REPO_ROOT, env.DATA_DIR), 'mongo') : undefined, log });
    stops.push(() => mongo.stop());
    const client = await MongoClient.connect(mongo.uri);
    stops.push(() => client.close());
    const db = client.db(env.MONGODB_DB);
    await ensureIndexes(db);

    const directory = new MongoDirectoryStore(db);
    const snapshots = new MongoSnapshotStore(db);
    const now = () => new Date();

    if (env.SEED_FILE) await applySeed(directory, await readSeedFile(env.SEED_FILE));
    const graph = demoMode ? await startDemoGraph(env, directory, log, stops) : productionGraph(env);

    const workerName = `tenantatlas-${hostname()}-${process.pid}`;
    const workerLogger = logger.child({ worker: workerName });
    const agenda = createScheduler(db, {
      name: workerName,
      processEveryMs: env.WORKER_POLL_INTERVAL_MS,
      lockLifetimeMs: env.PROMOTION_LOCK_LIFETIME_MS,

    });
    const heartbeats = new MongoWorkerHeartbeats(db);
    const workers = presenceFromHeartbeats(heartbeats, MISSED_BEATS_BEFORE_GONE * env.WORKER_HEARTBEAT_MS, now);
    const port = env.PORT;
    let publicBaseUrl = env.PUBLIC_BASE_URL ?? `http://localhost:${port}`;
    const runs = new MongoRunStore(db);
    const audit = new MongoAuditLog(db);
    const controls = new MongoControlStore(db);
    const journal = new MongoItemJournal(db);
    const adapter = createAdapter(env, logger);
    const notifier = new ConversationNotifier({ adapter, appId: env.MicrosoftAppId ?? '', conversations: new MongoConversationStore(db), directory, intervalMs: env.PROGRESS_UPDATE_INTERVAL_MS, logger });
    const watches = new MongoWatchStore(db);

    const deps: BotDeps = {
      directory,
      snapshots,
      runs,
      audit,
      controls,
      mappings: new MongoMappingStore(db),
      requests: new MongoPromotionRequestStore(db),
      conversations: new MongoConversationStore(db),
      refresher: new AgendaInventoryRefresher(agenda, snapshots),
      queue: new AgendaPromotionQueue(agenda, db),
      workers,
      journal,
      graph: graph.client,
      watches,
      watchQueue: new AgendaWatchQueue(agenda),
      exports: new ExportLinks({ baseUrl: () => publicBaseUrl, signingKey: env.EXPORT_SIGNING_KEY, ttlMs: env.EXPORT_LINK_TTL_MINUTES * 60_000, now }),
      freshnessMs: env.SNAPSHOT_FRESHNESS_HOURS * 3_600_000,
      refreshWaitMs: 20_000,
      now,
      demoMode,
      logger,
      log,
      ...('loadSummaries' in graph ? { sandboxFiles: graph.loadSummaries as BotDeps['sandboxFiles'] } : {}),
    };

    let worker: WorkerRole | undefined;
    if (env.ROLE !== 'web') {
      worker = await startWorkerRole({
        env,
        db,
        agenda,
        heartbeats,
        deps: {
          executor: {
            runs,
            directory,
            controls,
            audit,
            graph: graph.client,
            progress: notifier,
            lease: new MongoRunLease(db),
            journal,
            logger: workerLogger,
            settings: {
              owner: workerName,
              leaseMs: env.RUN_LEASE_MS,
              visibilityWaitMs: env.WRITE_VISIBILITY_WAIT_MS,
              visibilityPollMs: Math.min(2_000, Math.max(100, Math.floor(env.WRITE_VISIBILITY_WAIT_MS / 20))),
              retryDelaysMs: env.RUN_RETRY_DELAYS_MS,
            },
            isTransient: isTransientStoreError,
            now,
          },
          queue: deps.queue,
          watchdogIntervalMs: env.RUN_WATCHDOG_INTERVAL_MS,
          directory,
          snapshots,
          inventoryGraph: graph.client,
          log,
          drift: {
            watches,
            directory,
            snapshots,
            inventoryGraph: graph.client,
            poster: new AdapterDriftPoster({ adapter, appId: env.MicrosoftAppId ?? '', log: workerLogger }),
            audit,
            freshnessMs: env.SNAPSHOT_FRESHNESS_HOURS * 3_600_000,
            checkLeaseMs: WATCH_CHECK_LEASE_MS,
            sweepIntervalSeconds: env.WATCH_SWEEP_INTERVAL_SECONDS,
            log: workerLogger,
            now,
          },
        },
        logger: workerLogger,
      });
      // Runs after the worker drained (stops run in reverse): the last runs' final messages go out before the store closes.
      stops.push(async () => {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([notifier.flushAll(), new Promise((resolve) => (timer = setTimeout(resolve, NOTICE_FLUSH_MS)))]);
        clearTimeout(timer);
      });
      stops.push(() => worker!.stop());
    }

    let server: BotServer | undefined;
    if (env.ROLE !== 'worker') {
      const app = createBotApplication(adapter, deps);
      server = await startServer({
        port,
        adapter,
        onTurn: (turn) => app.run(turn).then(() => undefined),
        health: {
          store: async () => ((await db.command({ ping: 1 })).ok === 1 ? 'ok' : 'down'),
          worker: () => worker?.state() ?? 'disabled',
          workers: () => workers.summary(),
        },
        routes: [exportRoute(deps)],
        logger,
      });
      stops.push(() => server!.close());
      if (!env.PUBLIC_BASE_URL) publicBaseUrl = `http://localhost:${server.port}`;
    }
    return { port: server?.port, db, deps, agenda, logger, notifier, graphBaseUrl: graph.baseUrl, ...(worker ? { worker } : {}), ...('sandbox' in graph && graph.sandbox ? { sandbox: graph.sandbox as GraphSandbox } : {}), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** How long one drift check may hold its watch; a worker that died mid-check hands it over after this. */
const WATCH_CHECK_LEASE_MS = 15 * 60_000;

/** Production Graph: the configured cloud with the MSP's app registration. */
function productionGraph(env: Env) {
  const baseUrl = env.GRAPH_BASE_URL ?? 'https://graph.microsoft.com';
  const tokens = new MsalTokenProvider({
    authorityHost: env.GRAPH_AUTHORITY_HOST,
    graphScope: env.GRAPH_SCOPE,
    defaultClientId: env.GRAPH_CLIENT_ID ?? '',
    ...(env.GRAPH_CLIENT_SECRET ? { defaultClientSecret: env.GRAPH_CLIENT_SECRET } : {}),
    ...(env.GRAPH_CERTIFICATE_PATH && env.GRAPH_CERTIFICATE_THUMBPRINT
      ? { defaultCertificate: { privateKeyPath: env.GRAPH_CERTIFICATE_PATH, thumbprint: env.GRAPH_CERTIFICATE_THUMBPRINT } }
      : {}),
    resolveSecret: (ref: string) => process.env[ref],
  });
  return { baseUrl, client: new GraphClient({ baseUrl, tokens, timeoutMs: env.GRAPH_TIMEOUT_MS }) };
}
