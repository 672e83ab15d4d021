import type { CompareCounts, CompareSelection } from '../compare/model';
import type { SubjectTypeKey } from '../subjects/subject-type';
import type { WatchConversation, WatchedDifference } from './model';

/** How one difference changed since the last post. */
export type DriftChangeKind = 'new' | 'changed' | 'resolved';

/** One line of "what changed since the last check". */
export interface DriftChange {
  kind: DriftChangeKind;
  type: SubjectTypeKey;
  displayName: string;
  /** The current state; for a resolved difference, the state it had. */
  state: WatchedDifference['state'];
  /** For `changed`: the state it had before, when that differs. */
  previousState?: WatchedDifference['state'];
}

/** What a drift post says. */
export type DriftMessage =
  | { kind: 'baseline' | 'drift' | 'in_sync' | 'recovered'; changes: DriftChange[]; counts: CompareCounts; fingerprint: string }
  | { kind: 'unreadable'; tenantNames: string[]; since: Date }
  | { kind: 'paused'; reason: string };

/** A drift post with the watch facts every post shows. */
export interface DriftPost {
  watchId: string;
  sourceName: string;
  targetName: string;
  selection: CompareSelection;
  intervalHours: number;
  checkedAt: Date;
  message: DriftMessage;
}

/** Posts into a watch's conversation (implemented in bot/ with the Bot Framework adapter). */
export interface DriftPoster {
  /** Posts one card; 'failed' after bounded retries (throttling) or when the conversation refuses it. */
  post(conversation: WatchConversation, post: DriftPost): Promise<'posted' | 'failed'>;
}
