import type { Agenda, Job } from 'agenda';
import { ObjectId, type Db } from 'mongodb';
import { COLLECTIONS } from '../core/store/collections';

/** The jobs of one kind this worker is running right now, from Agenda's start and complete events. */
export class RunningJobs {
  private readonly jobs = new Map<string, Job>();

  constructor(agenda: Agenda, jobName: string) {
    agenda.on(`start:${jobName}`, (job: Job) => this.jobs.set(String(job.attrs._id), job));
    agenda.on(`complete:${jobName}`, (job: Job) => this.jobs.delete(String(job.attrs._id)));
  }

  get count(): number {
    return this.jobs.size;
  }

  /**
   * Hands back the jobs still running when the drain ran out of time: each becomes due now and unlocked, so another
   * worker locks it at its next poll instead of waiting for the lock to expire. A one-time job's `nextRunAt` is null
   * while it runs, and Agenda only takes over an unlocked job that is due, so both fields are set, in the database and
   * on the job object (Agenda saves the object when the handler ends, which must not undo the hand-back). Only safe
   * because the process exits right after: the run's lease decides which execution may still write.
   */
  async handBackAll(db: Db): Promise<number> {
    const jobs = [...this.jobs.values()];
    if (jobs.length === 0) return 0;
    const now = new Date();
    for (const job of jobs) job.attrs.nextRunAt = now;
    await db
      .collection(COLLECTIONS.agendaJobs)
      .updateMany(
        { _id: { $in: jobs.map((j) => new ObjectId(String(j.attrs._id))) } },
        { $set: { nextRunAt: now }, $unset: { lockedAt: true } },
      );
    return jobs.length;
  }
}
