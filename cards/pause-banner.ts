import { cardDateTime, clip } from './text';

/** Promotions paused by an admin: who, when and why (the reason may be empty). */
export interface PauseView {
  byName: string;
  reason: string;
  since: Date;
}

/** Template data of the attention banner the runs, preflight and confirmation cards show while promotions are paused. */
export interface PauseBanner {
  paused: boolean;
  pauseText: string;
  pauseSince: string;
}

/** The banner's texts; `paused: false` with empty texts when promotions run. */
export function pauseBanner(pause: PauseView | undefined): PauseBanner {
  if (!pause) return { paused: false, pauseText: '', pauseSince: '' };
  const reason = pause.reason.trim() ? `: ${clip(pause.reason, 300)}` : '';
  return { paused: true, pauseText: `Promotions paused by ${clip(pause.byName, 80)}${reason}`, pauseSince: `Since ${cardDateTime(pause.since)}. An admin can type "resume promotions" to allow them again.` };
}

/** The reason shown next to a disabled Execute or Confirm while promotions are paused. */
export const PAUSED_REASON = 'Promotions are paused, so nothing can be promoted until an admin resumes them.';
