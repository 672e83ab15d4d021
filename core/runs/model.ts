import type { CompareSelection } from '../compare/model';
import type { ActorId, RunId, TenantId, WorkspaceId } from '../ids';
import type { PromotionPlan } from '../promotion/plan';
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

/** One queued `promotion.execute` operation. */
export interface PromotionRun {
  id: RunId;
  workspaceId: WorkspaceId;
  operation: 'promotion.execute';
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
  action: 'create' | 'update';
  outcome: ItemOutcome;
  targetId?: string;
  /** For updates: the target's normalised state before it was overwritten. */
  priorState?: Record<string, unknown>;
  reason?: string;
  at: Date;
}
