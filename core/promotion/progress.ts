import type { PromotionRun, SummaryCounts } from '../runs/model';

/** Where a run's progress is shown (the conversation card); implemented by the bot. */
export interface RunProgressNotifier {
  /**
   * The run moved on: `run` carries its status and current item, `summary` the counts so far. Called before and after
   * every item; returns at once (the implementation queues the newest state and decides how often the card changes).
   */
  update(run: PromotionRun, summary: SummaryCounts): Promise<void>;
  /**
   * The run reached its terminal status (final counts, verified, failure reason): call it once on EVERY ending, failures
   * included. Like `update` it never throws and never waits for the chat: the final state and one completion notice are
   * delivered after any update still in flight.
   */
  completed(run: PromotionRun): Promise<void>;
  /** Resolves once everything recorded for the run was delivered or given up (optional; for shutdown and tests). */
  flush?(runId: string): Promise<void>;
}

/** Says whether at least `intervalMs` passed since the last update it let through; the first one always passes. */
export class ProgressThrottle {
  private last: number | undefined;

  constructor(private readonly intervalMs: number) {}

  /** True (and remembered as the last update) when an update may be sent at `now`; false when it is too soon. */
  shouldSend(now: Date): boolean {
    const at = now.getTime();
    if (this.last !== undefined && at - this.last < this.intervalMs) return false;
    this.last = at;
    return true;
  }
}
