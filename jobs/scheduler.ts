import { MongoBackend } from '@agendajs/mongo-backend';
import { Agenda, type JobDefinition } from 'agenda';
import type { Db } from 'mongodb';
import { COLLECTIONS } from '../core/store/collections';

/** Options for the job scheduler; production defaults come from core/config/env.ts, tests shorten them. */
export interface SchedulerOptions {
  /** How often the worker polls for due jobs (no change streams: portable MongoDB). */
  processEveryMs: number;
  /** A locked job whose worker died becomes available again after this long; running jobs renew it. */
  lockLifetimeMs: number;
  name: string;
}

/** Inventory refreshes a worker runs at once: they are reads, one at a time keeps Graph quota for promotions. */
export const INVENTORY_CONCURRENCY = 1;
/** Each other background job (the promotion watchdog) runs one at a time per worker. */
export const BACKGROUND_CONCURRENCY = 1;

/**
 * Creates Agenda on the shared database's `agendaJobs` collection; defining and starting is up to the caller.
 *
 * Fair distribution: Agenda locks due jobs in a loop until a limit stops it; without one, the first worker to poll
 * locks the whole backlog and the others stay idle while those jobs wait in its local queue. The limits here make a
 * worker lock no more jobs than it runs: each job kind's lock limit is its concurrency (jobOptions; kinds defined
 * without options get one of each), with no total limit, so a new kind of background job never takes a promotion's
 * place. A locked job therefore starts within one local processing tick, never after waiting in the queue for a slot,
 * and the lock it got is still fresh when it starts.
 */
export function createScheduler(db: Db, opts: SchedulerOptions): Agenda {
  return new Agenda({
    name: opts.name,
    backend: new MongoBackend({ mongo: db, collection: COLLECTIONS.agendaJobs }),
    processEvery: opts.processEveryMs,
    defaultConcurrency: 1,
    defaultLockLimit: 1,
    defaultLockLifetime: opts.lockLifetimeMs,
  });
}

/** Define options of a job kind: it never holds more locks than it runs at once. */
export function jobOptions(concurrency: number, lockLifetimeMs: number): Pick<JobDefinition, 'concurrency' | 'lockLimit' | 'lockLifetime'> {
  return { concurrency, lockLimit: concurrency, lockLifetime: lockLifetimeMs };
}
