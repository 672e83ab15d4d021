import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { errorFields, type Logger } from '../logging/logger';
import type { WorkerBeat, WorkerHeartbeats } from './heartbeats';

/** A running heartbeat: its identity, the last beat that reached the store, and how to stop it. */
export interface HeartbeatLoop {
  readonly workerId: string;
  lastBeatAt(): Date | undefined;
  /** Stops beating and removes this worker's entry, so it stops counting as live at once. */
  stop(): Promise<void>;
}

/**
 * Beats now and every `intervalMs`. A failed beat is logged and retried on the next tick: the worker keeps working
 * (its jobs are protected by their locks), it only looks absent to web instances until the store answers again.
 */
export async function startHeartbeat(opts: {
  heartbeats: WorkerHeartbeats;
  intervalMs: number;
  name: string;
  role: WorkerBeat['role'];
  concurrency: number;
  running: () => number;
  logger: Logger;
  now: () => Date;
}): Promise<HeartbeatLoop> {
  const workerId = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const startedAt = opts.now();
  let last: Date | undefined;
  let failing = false;
  const beat = async () => {
    const beatAt = opts.now();
    try {
      await opts.heartbeats.beat({
        workerId,
        name: opts.name,
        host: hostname(),
        pid: process.pid,
        role: opts.role,
        concurrency: opts.concurrency,
        running: opts.running(),
        startedAt,
        beatAt,
      });
      last = beatAt;
      if (failing) opts.logger.info('worker.heartbeat.recovered', { workerId });
      failing = false;
    } catch (error) {
      // Logged once per outage, not once per tick.
      if (!failing) opts.logger.warn('worker.heartbeat.failed', { workerId, ...errorFields(error) });
      failing = true;
    }
  };
  await beat();
  let pending = Promise.resolve();
  const timer = setInterval(() => {
    pending = beat();
  }, opts.intervalMs);
  timer.unref();
  return {
    workerId,
    lastBeatAt: () => last,
    async stop() {
      clearInterval(timer);
      await pending;
      await opts.heartbeats
        .remove(workerId)
        .catch((error: unknown) => opts.logger.warn('worker.heartbeat.remove_failed', { workerId, ...errorFields(error) }));
    },
  };
}
