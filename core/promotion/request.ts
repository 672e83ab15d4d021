import type { CompareSelection } from '../compare/model';
import type { ActorId, RunId, WorkspaceId } from '../ids';

/**
 * A pending "Execute promotion" click, kept server-side so the confirmation cannot forge who asked
 * or which preflight they saw: the confirm card carries only this request's id.
 */
export interface PromotionRequest {
  id: string;
  workspaceId: WorkspaceId;
  selection: CompareSelection;
  /** The preflight's fingerprint; for an undo, the undo preview's. */
  preflightFingerprint: string;
  /** Set for a request to undo that run (from its undo preview) rather than to promote. */
  undoes?: RunId;
  requesterId: ActorId;
  /** The requester's channel account (opaque), used to @mention them when the run completes. */
  requesterAddress?: { id: string; name: string };
  createdAt: Date;
  /** Set once the request was confirmed or cancelled; a request is used at most once. */
  closedAt?: Date;
  runId?: string;
}

/** Pending promotion requests. */
export interface PromotionRequestStore {
  insert(request: PromotionRequest): Promise<void>;
  /** The request within its workspace, or undefined (absent or another workspace's). */
  get(workspaceId: WorkspaceId, id: string): Promise<PromotionRequest | undefined>;
  /** Marks a request closed; false when it was already closed. */
  close(workspaceId: WorkspaceId, id: string, at: Date, runId?: string): Promise<boolean>;
}
