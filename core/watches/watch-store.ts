import type { TenantId, WorkspaceId } from '../ids';
import type { CheckRecord, Watch } from './model';

/** A check lease: who holds the watch's check and until when. */
export interface CheckLease {
  owner: string;
  until: Date;
}

/**
 * Drift watches, always read within their workspace, except `listDue` which the worker's sweep uses.
 * At most one watch per pair and conversation; a check is run by whoever holds the watch's lease.
 */
export interface WatchStore {
  /** Inserts the watch; 'duplicate' (and nothing written) when the pair is already watched in that conversation. */
  insert(watch: Watch): Promise<'created' | 'duplicate'>;
  /** Replaces a paused watch of the same pair and conversation with `watch` (a re-created watch); false when none is paused. */
  replacePaused(watch: Watch): Promise<boolean>;
  /** The watch, or undefined when it does not exist in that workspace. */
  get(workspaceId: WorkspaceId, id: string): Promise<Watch | undefined>;
  /** The pair's watch in that conversation, or undefined. */
  findInConversation(workspaceId: WorkspaceId, sourceTenantId: TenantId, targetTenantId: TenantId, conversationId: string): Promise<Watch | undefined>;
  /** Every watch of the workspace, oldest first. */
  list(workspaceId: WorkspaceId): Promise<Watch[]>;
  /** Removes the watch and returns it; undefined when it did not exist in that workspace. */
  remove(workspaceId: WorkspaceId, id: string): Promise<Watch | undefined>;
  /** Active watches of every workspace whose next check is due at `now`, soonest first, at most `limit`. */
  listDue(now: Date, limit: number): Promise<Watch[]>;
  /**
   * Takes the watch's check lease until `now + leaseMs`. When `due` is given (a scheduled check), only while the
   * watch is still due at exactly that time. Undefined when the watch is gone, paused, not due, or leased by someone else.
   */
  claim(workspaceId: WorkspaceId, id: string, lease: { owner: string; now: Date; leaseMs: number; due?: Date }): Promise<Watch | undefined>;
  /**
   * Extends `owner`'s lease to `now + leaseMs` while it still holds it unexpired; false when it expired or another
   * worker took it. Called right before a check posts, so a check that outlasted its lease never posts twice.
   */
  renew(workspaceId: WorkspaceId, id: string, lease: { owner: string; now: Date; leaseMs: number }): Promise<boolean>;
  /** Records a check and releases the lease; false (nothing written) when `owner` no longer holds it. */
  record(workspaceId: WorkspaceId, id: string, owner: string, record: CheckRecord): Promise<boolean>;
}
