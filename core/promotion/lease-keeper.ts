import type { Logger } from '../logging/logger';
import { errorFields } from '../logging/logger';
import type { LeaseGrant, RunLease } from '../runs/run-lease';

/** Why an executor stops before its next write. */
export type StopReason = 'shutdown' | 'lease_lost' | 'fenced';

/** Raised at a write boundary when this executor may no longer write: nothing more is sent to the target. */
export class ExecutionStopped extends Error {
  constructor(readonly reason: StopReason) {
    super(`execution stopped: ${reason}`);
    this.name = 'ExecutionStopped';
  }
}

/**
 * Keeps a run's lease while its executor works: renews it every third of its lifetime and knows, locally, how long
 * the last confirmed renewal covers. A write may start only while at least half the lifetime is still covered, so a
 * worker cut off from the store stops writing well before another worker can take the run over; a renewal answered
 * "lost" (someone else holds it now) stops it at once. A shutdown signal stops it before its next item.
 */
export class LeaseKeeper {
  private grant: LeaseGrant;
  /** When the last successful renewal (or the acquisition) was asked for: the lease is certain from then on. */
  private coveredFrom: number;
  private lost = false;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly deps: { lease: RunLease; clock: () => number; logger: Logger },
    grant: LeaseGrant,
    private readonly ttlMs: number,
    private readonly shutdown?: AbortSignal,
  ) {
    this.grant = grant;
    this.coveredFrom = deps.clock();
  }

  get token(): number {
    return this.grant.token;
  }

  start(): void {
    this.timer = setInterval(() => void this.renew(), Math.max(50, Math.floor(this.ttlMs / 3)));
    this.timer.unref?.();
  }

  /** Why the executor must stop now, or undefined when it may go on writing. */
  stopReason(): StopReason | undefined {
    if (this.shutdown?.aborted) return 'shutdown';
    if (this.lost || this.deps.clock() - this.coveredFrom > this.ttlMs / 2) return 'lease_lost';
    return undefined;
  }

  /**
   * Throws ExecutionStopped unless this executor may still write. Called right before every request to the target.
   * A shutdown does not stop a write here: items already under way finish (a half-written item would end "outcome
   * unknown" on resume); the run stops before its next item instead (see stopReason).
   */
  assertMayWrite(): void {
    if (this.lost || this.deps.clock() - this.coveredFrom > this.ttlMs / 2) throw new ExecutionStopped('lease_lost');
  }

  /** Renews now and says whether the lease is still this executor's (false once another holder took it). */
  async confirm(): Promise<boolean> {
    if (this.lost) return false;
    await this.renew();
    return !this.lost;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Gives the lease back so another worker may resume the run at once (a lost lease is not ours to release). */
  async release(): Promise<void> {
    this.stop();
    if (!this.lost) await this.deps.lease.release(this.grant);
  }

  private async renew(): Promise<void> {
    const askedAt = this.deps.clock();
    try {
      const renewed = await this.deps.lease.renew(this.grant, this.ttlMs, new Date(askedAt));
      if (!renewed) {
        this.lost = true;
        this.deps.logger.warn('run.lease.lost', { runId: this.grant.runId, token: this.grant.token });
        this.stop();
        return;
      }
      this.grant = renewed;
      this.coveredFrom = askedAt;
    } catch (error) {
      // Retried at the next tick; stopReason() stops writes once the last renewal no longer covers them.
      this.deps.logger.warn('run.lease.renewal_failed', { runId: this.grant.runId, ...errorFields(error) });
    }
  }
}
