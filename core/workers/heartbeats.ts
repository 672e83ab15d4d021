/**
 * Worker heartbeats: every worker process records that it is alive every few seconds, so web instances can say
 * whether anyone will run a queued promotion. A worker is live while its last beat is younger than the liveness
 * window (a few beat intervals, so one slow write does not make it look dead).
 */
export interface WorkerBeat {
  /** Unique per process start (host, pid and a random suffix), so a restarted worker is a new entry. */
  workerId: string;
  /** Agenda's name for this worker, as stored in a locked job's `lastModifiedBy`. */
  name: string;
  host: string;
  pid: number;
  role: 'all' | 'worker';
  /** Promotion jobs it runs at once. */
  concurrency: number;
  /** Promotion jobs running right now. */
  running: number;
  startedAt: Date;
  beatAt: Date;
}

/** Where beats are stored and read. */
export interface WorkerHeartbeats {
  beat(beat: WorkerBeat): Promise<void>;
  /** Workers whose last beat is at or after `since`, most recent first. */
  liveWorkers(since: Date): Promise<WorkerBeat[]>;
  /** A worker that stops cleanly removes its entry, so it stops counting as live at once. */
  remove(workerId: string): Promise<void>;
}

/** What the confirm workflow asks: is any worker alive to run a queued run? */
export interface WorkerPresence {
  anyAlive(): Promise<boolean>;
}

/** Presence from heartbeats: a worker is live when it beat within `livenessMs`. */
export function presenceFromHeartbeats(
  heartbeats: WorkerHeartbeats,
  livenessMs: number,
  now: () => Date,
): WorkerPresence & { summary(): Promise<{ live: number; lastBeatAt: Date | null }> } {
  const since = () => new Date(now().getTime() - livenessMs);
  return {
    anyAlive: async () => (await heartbeats.liveWorkers(since())).length > 0,
    summary: async () => {
      const live = await heartbeats.liveWorkers(since());
      return { live: live.length, lastBeatAt: live[0]?.beatAt ?? null };
    },
  };
}

/** How many beat intervals a worker may miss before it counts as gone. */
export const MISSED_BEATS_BEFORE_GONE = 3;
