import type { CompareCounts, CompareSelection, CompareState } from '../core/compare/model';
import { execute, selectionData, type ExecuteItem } from './actions';
import { COMPARE_STATE_LABELS, COMPARE_STATE_ORDER, type TextColor } from './labels';
import { renderCard, type CardAttachment } from './render';
import { directionText } from './tenant-header';
import template from './templates/drift.json';
import { bounded, cardDateTime, clip, countOf } from './text';

/** What a drift post reports. */
export type DriftCardKind = 'baseline' | 'drift' | 'in_sync' | 'recovered' | 'unreadable' | 'paused';

/** One line of "what changed since the last check". */
export interface DriftChangeView {
  kind: 'new' | 'changed' | 'resolved';
  typeLabel: string;
  displayName: string;
  state: Exclude<CompareState, 'in_sync'>;
  previousState?: Exclude<CompareState, 'in_sync'>;
}

/** A post of a drift watch into its conversation. */
export interface DriftCardView {
  kind: DriftCardKind;
  sourceName: string;
  targetName: string;
  selection: CompareSelection;
  /** e.g. "All types" or "Compliance policy". */
  typesText: string;
  intervalHours: number;
  checkedAt: Date;
  /** New differences first, by subject (core orders them). */
  changes: DriftChangeView[];
  /** Current counts per compare state; absent when the tenants could not be compared. */
  counts?: CompareCounts;
  /** The compare fingerprint the preflight button carries. */
  fingerprint?: string;
  /** unreadable: the tenants and since when; paused: why. */
  unreadable?: { tenantNames: string[]; since: Date };
  pausedReason?: string;
}

/** Most change lines one drift card lists; the rest are counted and reached through Compare. */
export const MAX_DRIFT_ROWS = 12;

const HEADINGS: Record<DriftCardKind, { title: string; color: TextColor }> = {
  baseline: { title: 'Drift watch: first check', color: 'accent' },
  drift: { title: 'Drift detected', color: 'warning' },
  in_sync: { title: 'Back in sync', color: 'good' },
  recovered: { title: 'Drift watch: tenants readable again', color: 'good' },
  unreadable: { title: 'Drift watch: a tenant could not be read', color: 'attention' },
  paused: { title: 'Drift watch paused', color: 'attention' },
};

const CHANGE_LABELS: Record<DriftChangeView['kind'], { label: string; color: TextColor }> = {
  new: { label: 'New difference', color: 'warning' },
  changed: { label: 'Changed again', color: 'warning' },
  resolved: { label: 'No longer differs', color: 'good' },
};

export const intervalText = (hours: number) => (hours === 24 ? 'Checked daily' : `Checked every ${countOf(hours, 'hour', 'hours')}`);

function summaryText(view: DriftCardView, differences: number): string {
  const names = (n: string[]) => n.map((x) => clip(x, 80)).join(' and ');
  switch (view.kind) {
    case 'unreadable':
      return `${names(view.unreadable?.tenantNames ?? [])} could not be read since ${cardDateTime(view.unreadable?.since ?? view.checkedAt)}. The watch keeps trying and posts again when it can read it.`;
    case 'paused':
      return clip(view.pausedReason ?? 'The watch paused itself.', 400);
    case 'baseline':
      return differences === 0 ? 'Every subject in scope is in sync. This conversation hears about changes from now on.' : `${countOf(differences, 'subject differs', 'subjects differ')} today. This conversation hears about changes from now on.`;
    case 'in_sync':
      return `${view.targetName} matches ${view.sourceName} again for every subject in scope.`;
    case 'recovered':
      return `Both tenants can be read again. ${countOf(view.changes.length, 'change', 'changes')} since the last post.`;
    case 'drift':
      return `${countOf(view.changes.length, 'change', 'changes')} since the last check.`;
  }
}

function changeDetail(c: DriftChangeView): string {
  const state = COMPARE_STATE_LABELS[c.state].label;
  if (c.kind === 'resolved') return `Was: ${state}`;
  return c.previousState ? `${COMPARE_STATE_LABELS[c.previousState].label} → ${state}` : state;
}

/** The drift card: what changed since the last check (new first), the current counts, and Compare / preflight. */
export function driftCard(view: DriftCardView): CardAttachment {
  const selection = selectionData(view.selection);
  const differences = view.counts ? COMPARE_STATE_ORDER.filter((s) => s !== 'in_sync').reduce((sum, s) => sum + view.counts![s], 0) : 0;
  const rows = bounded(view.changes, MAX_DRIFT_ROWS);
  const actions: ExecuteItem[] = [];
  if (view.kind !== 'paused') actions.push(execute('Compare', { verb: 'compare.page', data: { selection, page: 1 } }));
  if (view.counts && view.fingerprint && differences > 0) {
    actions.push(execute('Generate promotion preflight', { verb: 'preflight.generate', data: { selection, compareFingerprint: view.fingerprint } }, 'positive'));
  }
  return renderCard(template, {
    title: HEADINGS[view.kind].title,
    titleColor: HEADINGS[view.kind].color,
    direction: directionText(view.sourceName, view.targetName),
    scopeText: `Types: ${clip(view.typesText, 200)} · ${view.selection.includeAssignments ? 'assignments included' : 'assignments not included'} · ${intervalText(view.intervalHours)}`,
    summary: summaryText(view, differences),
    changesTitle: view.kind === 'baseline' ? 'Differences now' : 'What changed since the last check',
    changes: rows.shown.map((c) => ({
      // The first check has no "before": its rows are today's differences, labelled like the compare card's.
      ...(view.kind === 'baseline' ? { ...COMPARE_STATE_LABELS[c.state], detail: '' } : { ...CHANGE_LABELS[c.kind], detail: changeDetail(c) }),
      name: `${clip(c.typeLabel, 60)} · ${clip(c.displayName, 120)}`,
    })),
    more: rows.more ? `${rows.more}: open Compare to see every difference.` : '',
    hasChanges: rows.shown.length > 0,
    hasCounts: view.counts !== undefined,
    facts: view.counts ? COMPARE_STATE_ORDER.map((s) => ({ title: COMPARE_STATE_LABELS[s].label, value: String(view.counts![s]) })) : [],
    checkedText: `Checked ${cardDateTime(view.checkedAt)}`,
    actions,
  });
}
