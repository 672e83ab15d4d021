import type { RunId } from '../ids';

/** Queues promotion runs for the worker (implemented with Agenda in jobs/). */
export interface PromotionQueue {
  /** Queues the run's `promotion.execute` job; queuing the same run twice runs it once. */
  enqueue(runId: RunId): Promise<void>;
  /**
   * Makes the run's job due now again (creating it if it is gone), taking it from a worker that locked it and died:
   * for a run nobody executes any more. A second executor started this way finds the lease held and writes nothing.
   */
  resume(runId: RunId): Promise<void>;
}
