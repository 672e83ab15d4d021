import { bounded, clip, countOf } from './text';

/** A subject a promotion would write, as the preflight and confirmation cards name it. */
export interface ReadySubjectView {
  typeLabel: string;
  displayName: string;
  /** Create when missing in the target, update when different. */
  action: 'create' | 'update';
  /** What the run writes first for it, e.g. `uses assignment filter "Kiosk Devices", created first in this run`. */
  note?: string;
}

/** Template data of the ready list: the first rows, and the rest behind an `Action.ShowCard`. */
export interface ReadyListItem {
  show: boolean;
  heading: string;
  rows: { text: string }[];
  hasMore: boolean;
  moreTitle: string;
  moreRows: { text: string }[];
  moreNote: string;
}

/** Rows shown before "Show all". */
export const FIRST_READY_ROWS = 5;
/** Rows inside "Show all"; beyond them the card points at the export, so the card stays under the size limit. */
export const MAX_SHOWN_READY_ROWS = 40;

const ACTION_WORD = { create: 'Create', update: 'Update' } as const;
const row = (s: ReadySubjectView) => ({
  text: `${ACTION_WORD[s.action]} · ${clip(s.typeLabel, 40)} · ${clip(s.displayName, 100)}${s.note ? ` — ${clip(s.note, 200)}` : ''}`,
});

/** The ready subjects named: a few rows, "Show all N" for the rest, and what the card leaves to the export. */
export function readyList(subjects: readonly ReadySubjectView[], targetName: string): ReadyListItem {
  const all = bounded(subjects, MAX_SHOWN_READY_ROWS);
  const first = all.shown.slice(0, FIRST_READY_ROWS);
  const rest = all.shown.slice(FIRST_READY_ROWS);
  return {
    show: subjects.length > 0,
    heading: `Will be written to ${clip(targetName, 80)} (${countOf(subjects.length, 'subject', 'subjects')})`,
    rows: first.map(row),
    hasMore: rest.length > 0,
    moreTitle: `Show all ${subjects.length}`,
    moreRows: rest.map(row),
    moreNote: all.more ? `${all.more}; export the preflight for the full list.` : '',
  };
}
