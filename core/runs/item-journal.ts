import type { RunId } from '../ids';
import type { PlanAction } from '../promotion/plan';
import type { RunItemResult } from './model';

/**
 * The target object as it was just before a run's write: the full normalised read (settings and assignments), or
 * `absent` when the run is about to create it. Recorded before the first request, so it survives any crash.
 */
export type BeforeImage =
  | { kind: 'absent' }
  | { kind: 'present'; targetId: string; payload: Record<string, unknown>; assignments: Record<string, unknown>[] };

/** A request about to be sent to the target, without its body (bodies are the source's content, kept in the plan). */
export interface IntendedRequest {
  method: 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
}

/** What an executor is about to do to one item, written before any request reaches the target. */
export interface ItemIntent {
  action: PlanAction;
  requests: IntendedRequest[];
  before: BeforeImage;
  at: Date;
}

/** One item's write-ahead record: who claimed it last, what it meant to write, what it provably wrote. */
export interface JournalEntry {
  runId: RunId;
  index: number;
  /** Fencing token of the executor that claimed it last. */
  token: number;
  claimedAt: Date;
  intent?: ItemIntent;
  /** Id of the object this run created in the target; only this id is ever adopted as "created by this run". */
  createdId?: string;
  /**
   * The target object as the run left it, read back by verification: what an undo compares the target with to tell
   * whether someone changed it since the run wrote it.
   */
  after?: { targetId: string; payload: Record<string, unknown>; assignments: Record<string, unknown>[] };
  /** The item's result, written with the fence check; the run store's copy is recorded from it (resume re-records it). */
  result?: RunItemResult;
}

/** Outcome of claiming an item. */
export type ClaimResult = { kind: 'claimed'; previous?: JournalEntry } | { kind: 'fenced'; token: number } | { kind: 'finished'; entry: JournalEntry };

/**
 * Write-ahead journal of a promotion run's items: claim, then intend, then write, then finish. Every write after the
 * claim is conditional on the claimant's fencing token, so an executor that lost its lease can record nothing more.
 */
export interface ItemJournal {
  /**
   * Claims item `index` for the executor holding fencing token `token`: granted when the item is unclaimed or was
   * claimed with a smaller token and is not finished. `previous` is what an earlier executor recorded (resume uses it).
   */
  claim(runId: RunId, index: number, token: number, at: Date): Promise<ClaimResult>;
  /** Records the intent before the first request; false when a newer executor claimed the item (stop, write nothing). */
  recordIntent(runId: RunId, index: number, token: number, intent: ItemIntent): Promise<boolean>;
  /**
   * Takes back an intent whose first request was never sent (the executor stopped right before it), so the next
   * holder writes the item afresh instead of treating it as possibly written; false when fenced out.
   */
  withdrawIntent(runId: RunId, index: number, token: number): Promise<boolean>;
  /** Records the id of the object the create made; false when fenced out. */
  recordCreated(runId: RunId, index: number, token: number, createdId: string): Promise<boolean>;
  /** Stores the item's result, which finishes it for good; false when fenced out (a newer executor owns the item). */
  finish(runId: RunId, index: number, token: number, result: RunItemResult): Promise<boolean>;
  /**
   * Records the after-image read back by verification, on items finished by this or an earlier holder; false only
   * when a newer executor claimed the item (fenced out). An item with no entry has nothing to record on: true.
   */
  recordAfterImage(runId: RunId, index: number, token: number, after: NonNullable<JournalEntry['after']>): Promise<boolean>;
  /** Every entry of the run, by index. */
  entries(runId: RunId): Promise<JournalEntry[]>;
}
