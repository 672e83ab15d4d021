import { MongoBackend } from '@agendajs/mongo-backend';
import { Agenda } from 'agenda';
import type { Db } from 'mongodb';
import { COLLECTIONS } from '../core/store/collections';

/** Options for the job scheduler; defaults suit production, tests shorten them. */
export interface SchedulerOptions {
  /** How often the worker polls for due jobs (no change streams: portable MongoDB). */
  processEveryMs: number;
  /** A locked job whose worker died becomes available again after this long. */
  promotionLockLifetimeMs: number;
  name: string;
}

/** Creates Agenda on the shared database's `agendaJobs` collection; defining and starting is up to the caller. */
export function createScheduler(db: Db, opts: SchedulerOptions): Agenda {
  return new Agenda({
    name: opts.name,
    backend: new MongoBackend({ mongo: db, collection: COLLECTIONS.agendaJobs }),
    processEvery: opts.processEveryMs,
    defaultConcurrency: 2,
  });
}
