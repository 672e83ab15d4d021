import type { RunId } from '../ids';

/**
 * The right to execute one run, held by one executor at a time. Each grant carries a fencing token that grows with
 * every new holder, so anything a former holder still tries to record after losing the lease is refused by the
 * journal (core/runs/item-journal.ts), even when its lease ran out while it was blocked.
 */
export interface LeaseGrant {
  runId: RunId;
  /** Who holds it: the worker's name, for the run detail and the logs. */
  owner: string;
  /** Fencing token: larger than every token granted before for this run. */
  token: number;
  expiresAt: Date;
}

/** Outcome of asking for a run's lease. */
export type LeaseAttempt = { kind: 'granted'; grant: LeaseGrant } | { kind: 'held'; owner: string; expiresAt: Date };

export interface RunLease {
  /** Grants the lease when nobody holds it or the holder's lease expired at `now`; otherwise says who holds it. */
  acquire(runId: RunId, owner: string, ttlMs: number, now: Date): Promise<LeaseAttempt>;
  /** Extends a grant still held with its token; undefined when it was lost (expired and taken, or released). */
  renew(grant: LeaseGrant, ttlMs: number, now: Date): Promise<LeaseGrant | undefined>;
  /** Gives the lease up at once (no-op when the token no longer holds it), so another executor may take over now. */
  release(grant: LeaseGrant): Promise<void>;
  /** The current holder, if any, expired or not. */
  holder(runId: RunId): Promise<LeaseGrant | undefined>;
}
