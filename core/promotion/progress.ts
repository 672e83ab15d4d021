import type { PromotionRun, SummaryCounts } from '../runs/model';

/** Where a run's progress is shown (the conversation card); implemented by the bot. */
export interface RunProgressNotifier {
  /**
   * The run moved on: `run` carries its status and current item, `summary` the counts so far. Called before and after
   * every item; the implementation decides how often the card really changes (see ProgressThrottle).
   */
  update(run: PromotionRun, summary: SummaryCounts): Promise<void>;
  /** The run reached its terminal status (final counts, verified, failure reason); called once per run. */
  completed(run: PromotionRun): Promise<void>;
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
