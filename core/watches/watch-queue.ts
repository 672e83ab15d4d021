import type { WorkspaceId } from '../ids';

/** Queues watch checks for the worker (implemented with Agenda in jobs/). */
export interface WatchQueue {
  /** Queues one check of the watch at once; it posts exactly as a scheduled check would. */
  checkNow(workspaceId: WorkspaceId, watchId: string): Promise<void>;
}
