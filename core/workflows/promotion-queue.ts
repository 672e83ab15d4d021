import type { RunId } from '../ids';

/** Queues promotion runs for the worker (implemented with Agenda in jobs/). */
export interface PromotionQueue {
  /** Queues the run's `promotion.execute` job; queuing the same run twice runs it once. */
  enqueue(runId: RunId): Promise<void>;
}
