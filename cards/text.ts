/** Longest text a row shows for one value; keeps every card under the size limit whatever the data. */
export const MAX_TEXT = 160;

/** Shortens `text` to at most `max` characters, marking the cut with an ellipsis. */
export function clip(text: string, max = MAX_TEXT): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * Shortens `text` by cutting out its middle, keeping the start and the end: setting paths tell two settings apart
 * by their last part (`…_blockexecutablecontentfromemailclient`), which a cut at the end would lose.
 */
export function clipMiddle(text: string, max = MAX_TEXT): string {
  if (text.length <= max) return text;
  const head = Math.floor((max - 1) / 3);
  return `${text.slice(0, head)}…${text.slice(text.length - (max - 1 - head))}`;
}

/** At most `max` items of a list and the "+N more" line for the rest (undefined when nothing is hidden). */
export function bounded<T>(items: readonly T[], max: number, total = items.length): { shown: T[]; more: string | undefined } {
  const shown = items.slice(0, max);
  const hidden = Math.max(0, total - shown.length);
  return { shown, more: hidden > 0 ? `+${hidden} more` : undefined };
}

/** `1 policy` / `3 policies`: a count with the right noun. */
export function countOf(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * A timestamp Teams renders in the reader's own locale and time zone (Adaptive Card DATE/TIME functions);
 * RFC 3339 without milliseconds, as those functions require.
 */
export function cardDateTime(at: Date): string {
  const iso = at.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `{{DATE(${iso}, SHORT)}} {{TIME(${iso})}}`;
}

/** "just now", "5 min ago", "2 h ago", "3 d ago": how long ago `at` was, seen at `now`. */
export function formatAge(at: Date, now: Date): string {
  const minutes = Math.floor((now.getTime() - at.getTime()) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.floor(hours / 24)} d ago`;
}

/** "42 s", "3 min 5 s", "1 h 12 min": a duration for run lists and details. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** Characters of a run id that cards show and that `run` accepts as a unique prefix (at least 6 are required). */
export const SHORT_RUN_ID_LENGTH = 8;

/** "3f9c2a1b": the short id of a run, enough to tell runs apart and to type `run 3f9c2a1b`. */
export function shortRunId(runId: string): string {
  return runId.slice(0, SHORT_RUN_ID_LENGTH);
}
