import type { RunId, TenantId, WorkspaceId } from '../ids';
import type { ItemVerification, PromotionRun, RunItemResult, RunStatus, SummaryCounts } from './model';

/** A run without its plan and exclusions: what lists need. */
export type RunListEntry = Omit<PromotionRun, 'plan' | 'excluded'>;

/** The fields of a run that change while it executes. */
export type RunPatch = { [K in 'status' | 'summary' | 'verified' | 'currentItem' | 'failureReason' | 'startedAt' | 'finishedAt' | 'conversation' | 'retry' | 'undoneBy']?: PromotionRun[K] | undefined };

/** Filters for listing runs. */
export interface RunQuery {
  workspaceId: WorkspaceId;
  /** Only runs whose source and target are both in this set; undefined means all of the workspace. */
  visibleTenantIds?: TenantId[];
  tenantId?: TenantId;
  status?: RunStatus;
  /** Only runs whose id starts with this (lower-case) text: how a short id typed in chat is resolved. */
  idPrefix?: string;
  offset: number;
  limit: number;
}

/** Outcome of trying to take the per-target run lock. */
export type RunLockResult =
  | { kind: 'acquired' }
  | { kind: 'same_plan'; runId: RunId }
  | { kind: 'target_busy'; runId: RunId };

/** Promotion runs, their item results and the per-target run lock. */
export interface RunStore {
  /**
   * Takes the target's run lock for a plan. Exactly one caller acquires it; a concurrent caller with the same
   * plan fingerprint gets `same_plan`, one with another plan `target_busy`.
   */
  acquireLock(target: TenantId, runId: RunId, planFingerprint: string, now: Date): Promise<RunLockResult>;
  /** Releases the lock if this run holds it. */
  releaseLock(target: TenantId, runId: RunId): Promise<void>;
  insert(run: PromotionRun): Promise<void>;
  /** The run within its workspace; undefined when absent or in another workspace. */
  get(workspaceId: WorkspaceId, runId: RunId): Promise<PromotionRun | undefined>;
  /** The run by id alone: for the worker, which re-checks workspace and rights itself. */
  getForWorker(runId: RunId): Promise<PromotionRun | undefined>;
  list(query: RunQuery): Promise<{ runs: RunListEntry[]; total: number }>;
  /** Latest run per target tenant of a workspace. */
  latestPerTarget(workspaceId: WorkspaceId): Promise<Map<TenantId, RunListEntry>>;
  /** Sets the given fields; a field given as `undefined` is removed (e.g. `retry` once the run resumes). */
  update(runId: RunId, patch: RunPatch): Promise<void>;
  /**
   * Applies a terminal patch only while the run is still queued or running; false when it had already ended, so a run
   * is ended (audited, released, announced) exactly once even when a cut-off executor tries to end it again.
   */
  end(runId: RunId, patch: RunPatch): Promise<boolean>;
  /** Records an item result; returns false when that item was already recorded (never overwritten). */
  recordItem(result: RunItemResult): Promise<boolean>;
  items(runId: RunId, page?: { offset: number; limit: number }): Promise<{ items: RunItemResult[]; total: number }>;
  /** Adds the read-back verdict to a recorded item (its outcome stays as recorded). */
  recordVerification(runId: RunId, index: number, verification: ItemVerification): Promise<void>;
  /** Runs still `queued` or `running`, oldest first, at most `limit`: what the watchdog checks for a live executor. */
  listActive(limit: number): Promise<RunListEntry[]>;
  /** Counts of recorded outcomes, for the summary. */
  itemCounts(runId: RunId): Promise<Pick<SummaryCounts, 'succeeded' | 'failed' | 'skipped'>>;
}
