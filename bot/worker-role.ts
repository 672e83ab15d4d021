import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Agenda } from 'agenda';
import type { Db } from 'mongodb';
import type { Env } from '../core/config/env';
import { errorFields, type Logger } from '../core/logging/logger';
import { startHeartbeat } from '../core/workers/heartbeat-loop';
import { MISSED_BEATS_BEFORE_GONE, type WorkerHeartbeats } from '../core/workers/heartbeats';
import { JOB_NAMES } from '../jobs/job-data';
import { RunningJobs } from '../jobs/running-jobs';
import { defineJobs, startWorker, type WorkerDeps } from '../jobs/worker';

/** A started worker: its state for /healthz, its own health port (if configured) and how to stop it. */
export interface WorkerRole {
  state(): 'running' | 'stopped';
  healthPort?: number;
  stop(): Promise<void>;
}

/**
 * Starts the Agenda worker with its heartbeat and optional health endpoint. Stopping it (SIGTERM) aborts the shutdown
 * signal first, so a running promotion hands its run back at the next item boundary; waits at most WORKER_DRAIN_MS
 * for running jobs; hands back whatever still runs; then stops Agenda, which unlocks the jobs it had locked but not
 * started, so another worker takes them at its next poll instead of after the lock lifetime.
 */
export async function startWorkerRole(opts: {
  env: Env;
  db: Db;
  agenda: Agenda;
  heartbeats: WorkerHeartbeats;
  deps: Omit<WorkerDeps, 'shutdownSignal' | 'workerConcurrency' | 'promotionLockLifetimeMs' | 'syncIntervalHours'>;
  logger: Logger;
}): Promise<WorkerRole> {
  const { env, agenda, logger } = opts;
  const shutdown = new AbortController();
  const running = new RunningJobs(agenda, JOB_NAMES.promotionExecute);
  defineJobs(agenda, {
    ...opts.deps,
    syncIntervalHours: env.INVENTORY_SYNC_INTERVAL_HOURS,
    promotionLockLifetimeMs: env.PROMOTION_LOCK_LIFETIME_MS,
    workerConcurrency: env.WORKER_CONCURRENCY,
    shutdownSignal: shutdown.signal,
  });
  await startWorker(agenda, { syncIntervalHours: env.INVENTORY_SYNC_INTERVAL_HOURS, watchdogIntervalMs: opts.deps.watchdogIntervalMs, drift: opts.deps.drift });
  let state: 'running' | 'stopped' = 'running';
  const heartbeat = await startHeartbeat({
    heartbeats: opts.heartbeats,
    intervalMs: env.WORKER_HEARTBEAT_MS,
    name: agenda.attrs.name ?? 'tenantatlas',
    role: env.ROLE === 'worker' ? 'worker' : 'all',
    concurrency: env.WORKER_CONCURRENCY,
    running: () => running.count,
    logger,
    now: () => new Date(),
  });
  logger.info('worker.started', {
    workerId: heartbeat.workerId,
    concurrency: env.WORKER_CONCURRENCY,
    lockLifetimeMs: env.PROMOTION_LOCK_LIFETIME_MS,
  });

  const health =
    env.WORKER_HEALTH_PORT === undefined
      ? undefined
      : await workerHealthServer(env.WORKER_HEALTH_PORT, async () => {
          const store = await opts.db.command({ ping: 1 }).then(
            (r) => (r.ok === 1 ? 'ok' : 'down'),
            () => 'down' as const,
          );
          const lastBeat = heartbeat.lastBeatAt();
          const beating = lastBeat !== undefined && Date.now() - lastBeat.getTime() <= MISSED_BEATS_BEFORE_GONE * env.WORKER_HEARTBEAT_MS;
          const ok = store === 'ok' && state === 'running' && beating;
          return { ok, body: { status: ok ? 'ok' : 'degraded', store, worker: state, runningJobs: running.count } };
        });

  return {
    state: () => state,
    ...(health ? { healthPort: health.port } : {}),
    async stop() {
      state = 'stopped';
      shutdown.abort();
      const drained = await agenda.drain(env.WORKER_DRAIN_MS).catch((error: unknown) => {
        logger.error('worker.drain.failed', errorFields(error));
        return undefined;
      });
      const handedBack = await running.handBackAll(opts.db).catch((error: unknown) => {
        logger.error('worker.hand_back.failed', errorFields(error));
        return 0;
      });
      logger.info('worker.stopped', {
        workerId: heartbeat.workerId,
        completedWhileDraining: drained?.completed,
        timedOut: drained?.timedOut,
        handedBack,
      });
      await agenda.stop().catch((error: unknown) => logger.error('worker.stop.failed', errorFields(error)));
      await heartbeat.stop();
      await health?.close();
    },
  };
}

/** GET /healthz of a worker process: its own state only, never configuration. */
async function workerHealthServer(port: number, probe: () => Promise<{ ok: boolean; body: Record<string, unknown> }>) {
  // Separate writeHead and end calls: restify (loaded in the same process) patches ServerResponse.writeHead.
  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url !== '/healthz') return send(res, 404, { error: 'not found' });
    void probe().then(({ ok, body }) => send(res, ok ? 200 : 503, body));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '0.0.0.0', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
