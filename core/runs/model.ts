import type { CompareSelection } from '../compare/model';
import type { ActorId, RunId, TenantId, WorkspaceId } from '../ids';
import type { PlanAction, PromotionPlan } from '../promotion/plan';
import type { SubjectTypeKey } from '../subjects/subject-type';

export const RUN_STATUSES = ['queued', 'running', 'succeeded', 'partially_succeeded', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const ACTIVE_RUN_STATUSES: readonly RunStatus[] = ['queued', 'running'];

/** Canonical summary counts of a run. */
export interface SummaryCounts {
  total: number;
  processed: number;
  succeeded: number;
  failed: number;
  skipped: number;
}

/** A subject the run will not touch, and why. */
export interface ExcludedSubject {
  type: SubjectTypeKey;
  displayName: string;
  outcome: 'blocked' | 'manual_mapping_required' | 'excluded';
  why: string;
}

/** Where the run's live card is, so the worker can update it in place. */
export interface RunConversation {
  conversationId: string;
  /** Activity id of the card to update; absent when the channel gave none. */
  activityId?: string;
  /** The initiator's channel account, so the final message can @mention them. */
  initiator?: { id: string; name: string };
}

/** A run paused by a passing outage: which attempt comes next, when, and why, in operator words. */
export interface RunRetry {
  attempt: number;
  at: Date;
  reason: string;
}

/** What a run does: promote a plan, or undo an earlier run from the before-images its journal kept. */
export type RunOperation = 'promotion.execute' | 'promotion.undo';

/** One queued `promotion.execute` operation, or a `promotion.undo` of an earlier run. */
export interface PromotionRun {
  id: RunId;
  workspaceId: WorkspaceId;
  operation: RunOperation;
  /** For an undo run: the run it undoes (read from that run's journal). */
  undoes?: RunId;
  /** On a run that was undone: the undo run, so each links to the other. */
  undoneBy?: RunId;
  selection: CompareSelection;
  sourceTenantId: TenantId;
  targetTenantId: TenantId;
  plan: PromotionPlan;
  excluded: ExcludedSubject[];
  initiatorId: ActorId;
  approverId: ActorId;
  status: RunStatus;
  summary: SummaryCounts;
  /** Promoted subjects read back from the target and found in sync with the source. */
  verified?: number;
  currentItem?: string;
  failureReason?: string;
  /** Set while the run waits to try again after a passing outage (store or Microsoft Graph); cleared when it resumes. */
  retry?: RunRetry;
  conversation?: RunConversation;
  createdAt: Date;
  startedAt?: Date;
  finishedAt?: Date;
}

export const ITEM_OUTCOMES = ['succeeded', 'failed', 'skipped'] as const;
export type ItemOutcome = (typeof ITEM_OUTCOMES)[number];

/** The recorded outcome of one plan item; recorded once, never overwritten. */
export interface RunItemResult {
  runId: RunId;
  /** Position of the item in the plan. */
  index: number;
  type: SubjectTypeKey;
  displayName: string;
  action: PlanAction;
  outcome: ItemOutcome;
  targetId?: string;
  /** For updates: the target's normalised state before it was overwritten (the journal keeps the same before-image). */
  priorState?: Record<string, unknown>;
  reason?: string;
  /**
   * Set with outcome `failed` when Microsoft Graph never confirmed a write and the target did not show it within the
   * wait: the write may or may not have happened, it was not sent again, and `reason` says what to check.
   */
  outcomeUnknown?: true;
  /** Read back after the run: whether the target is In sync with the source as a compare judges it, and what differs. */
  verification?: ItemVerification;
  at: Date;
}

/** The read-back of one promoted subject after its run. */
export interface ItemVerification {
  inSync: boolean;
  /** When not in sync: the differing settings (path, source value, target value); `assignments` for assignments. */
  differences?: { path: string; sourceValue?: string; targetValue?: string }[];
  /** When it could not be read back: why, in operator words. */
  unreadable?: string;
}
