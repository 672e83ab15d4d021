import type { CompareCounts, CompareState } from '../compare/model';
import type { ActorId, TenantId, WorkspaceId } from '../ids';
import type { SubjectTypeKey } from '../subjects/subject-type';

/** Where a watch posts: the conversation it was created in, with its Bot Framework reference kept as opaque JSON. */
export interface WatchConversation {
  id: string;
  kind: 'personal' | 'groupChat' | 'channel';
  reference: Record<string, unknown>;
}

/** One difference as a check saw it; `hash` changes when either side's content changes. */
export interface WatchedDifference {
  type: SubjectTypeKey;
  displayName: string;
  state: Exclude<CompareState, 'in_sync'>;
  hash: string;
}

/** The differences a check found, in the compare preview's order, with its counts and fingerprint. */
export interface WatchResult {
  differences: WatchedDifference[];
  counts: CompareCounts;
  fingerprint: string;
}

/** What the last check of a watch did, for the `watches` list. */
export type LastCheck =
  | { at: Date; outcome: 'compared'; differences: number; posted: boolean }
  | { at: Date; outcome: 'unreadable'; tenantNames: string[] }
  | { at: Date; outcome: 'paused' }
  | { at: Date; outcome: 'failed' };

export const WATCH_STATUSES = ['active', 'paused'] as const;
export type WatchStatus = (typeof WATCH_STATUSES)[number];

/**
 * A drift watch: a source → target compare the worker repeats on a schedule as the member who created it,
 * posting into the conversation it was created in only when the result changed since what was last announced.
 */
export interface Watch {
  id: string;
  workspaceId: WorkspaceId;
  sourceTenantId: TenantId;
  targetTenantId: TenantId;
  /** Subject types in scope; empty means every registered type. */
  types: SubjectTypeKey[];
  includeAssignments: boolean;
  intervalHours: number;
  conversation: WatchConversation;
  createdBy: ActorId;
  createdAt: Date;
  status: WatchStatus;
  /** Why the watch paused itself (the creator lost access); set when status is paused. */
  pausedReason?: string;
  /** When the next scheduled check is due. */
  nextCheckAt: Date;
  lastCheck?: LastCheck;
  /** The result last posted to the conversation: what the channel knows. Absent until the first post. */
  announced?: WatchResult;
  /** Tenants that could not be read, as last posted; absent while both can be read. */
  unreadable?: { tenantIds: TenantId[]; since: Date };
}

/** A new check's bookkeeping, written only by the holder of the watch's check lease. */
export interface CheckRecord {
  lastCheck: LastCheck;
  /** The new announced result; undefined leaves the old one. */
  announced?: WatchResult;
  /** null clears the unreadable state; undefined leaves it. */
  unreadable?: { tenantIds: TenantId[]; since: Date } | null;
  /** Set to pause the watch. */
  pause?: { reason: string };
  /** The next due time; undefined leaves it (a Check now does not move the schedule). */
  nextCheckAt?: Date;
}
