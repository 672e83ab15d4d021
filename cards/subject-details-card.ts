import type { CompareSelection, CompareState, SettingDifference } from '../core/compare/model';
import { execute, registryData, selectionData } from './actions';
import { COMPARE_STATE_LABELS } from './labels';
import { renderCard, type CardAttachment } from './render';
import template from './templates/subject-details.json';
import { bounded, clip, countOf } from './text';
import type { RegistryData } from './verbs';

/** One subject's setting-level differences between source and target. */
export interface SubjectDetailsCardView {
  typeLabel: string;
  displayName: string;
  state: CompareState;
  sourceName: string;
  targetName: string;
  /** Differing settings with values already shortened for display; never raw JSON. */
  differences: SettingDifference[];
  /** Number of differing settings when `differences` holds only some of them. */
  totalDifferences?: number;
  /** True when the assignments differ as well (or only they do). */
  assignmentsDiffer: boolean;
  /** The compare this came from, so `Back to compare` reopens the same page. */
  selection: CompareSelection;
  comparePage: number;
  registry?: RegistryData;
}

/** Most setting rows one details card shows. */
export const MAX_DIFFERENCE_ROWS = 20;
const MAX_VALUE = 120;

const STATE_NOTE: Partial<Record<CompareState, string>> = {
  missing_in_target: 'The subject does not exist in the target yet; a promotion would create it.',
  only_in_target: 'The subject exists only in the target; promotions never touch it.',
  ambiguous: 'Several subjects share this name, so they cannot be paired; rename or remove the duplicates.',
  in_sync: 'Source and target have the same settings.',
};

const shown = (value: string | undefined) => (value === undefined ? { text: '(not set)', unset: true } : { text: clip(value, MAX_VALUE), unset: false });

/** The details card of one compared subject: state and a bounded table of setting differences. */
export function subjectDetailsCard(view: SubjectDetailsCardView): CardAttachment {
  const total = view.totalDifferences ?? view.differences.length;
  const rows = bounded(view.differences, MAX_DIFFERENCE_ROWS, total);
  const notes = [STATE_NOTE[view.state], view.assignmentsDiffer ? 'The assignments differ.' : undefined].filter(Boolean);
  return renderCard(template, {
    name: clip(view.displayName),
    subtitle: `${clip(view.typeLabel, 60)} · ${clip(view.sourceName, 80)} → ${clip(view.targetName, 80)}`,
    state: total > 0 ? `${COMPARE_STATE_LABELS[view.state].label} · ${countOf(total, 'setting differs', 'settings differ')}` : COMPARE_STATE_LABELS[view.state].label,
    stateColor: COMPARE_STATE_LABELS[view.state].color,
    note: notes.join(' '),
    hasDifferences: rows.shown.length > 0,
    sourceName: `Source: ${clip(view.sourceName, 60)}`,
    targetName: `Target: ${clip(view.targetName, 60)}`,
    differences: rows.shown.map((d) => {
      const source = shown(d.sourceValue);
      const target = shown(d.targetValue);
      return { path: clip(d.path), sourceValue: source.text, sourceUnset: source.unset, targetValue: target.text, targetUnset: target.unset };
    }),
    more: rows.more ? `${rows.more} settings differ; export the compare for the full list.` : '',
    back: execute('Back to compare', {
      verb: 'compare.page',
      data: { selection: selectionData(view.selection), page: view.comparePage, registry: view.registry && registryData(view.registry) },
    }),
  });
}
