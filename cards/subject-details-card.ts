import type { CompareSelection, CompareState, SettingDifference } from '../core/compare/model';
import { execute, registryData, selectionData } from './actions';
import { NOT_CONFIGURED_ONLY } from './compare-card';
import { COMPARE_STATE_LABELS } from './labels';
import { renderCard, type CardAttachment } from './render';
import template from './templates/subject-details.json';
import { bounded, clip, clipMiddle, countOf } from './text';
import type { RegistryData } from './verbs';

/** One subject's setting-level differences between source and target. */
export interface SubjectDetailsCardView {
  typeLabel: string;
  displayName: string;
  state: CompareState;
  sourceName: string;
  targetName: string;
  /**
   * Differing settings with values already shortened for display, never raw JSON; for a subject missing in the target,
   * the settings a promotion would create. Rows with the path `assignments` name an added or removed assignment.
   */
  differences: SettingDifference[];
  /** Number of differing settings (assignments aside) when `differences` holds only some of them. */
  totalDifferences?: number;
  /** True when the assignments differ as well (or only they do) but no assignment row says how. */
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
const ASSIGNMENT_ROW = 'assignments';

/** "Different · 3 settings differ · assignments differ", "Missing in target · 7 settings would be created". */
function stateText(state: CompareState, settings: number, assignmentRows: number): string {
  const counted = state === 'missing_in_target' ? countOf(settings, 'setting would be created', 'settings would be created') : countOf(settings, 'setting differs', 'settings differ');
  return [COMPARE_STATE_LABELS[state].label, ...(settings > 0 ? [counted] : []), ...(assignmentRows > 0 ? ['assignments differ'] : [])].join(' · ');
}

/** The details card of one compared subject: state and a bounded table of setting differences. */
export function subjectDetailsCard(view: SubjectDetailsCardView): CardAttachment {
  const assignmentRows = view.differences.filter((d) => d.path === ASSIGNMENT_ROW).length;
  const total = view.totalDifferences ?? view.differences.length - assignmentRows;
  const rows = bounded(view.differences, MAX_DIFFERENCE_ROWS, total + assignmentRows);
  const onlyUnset = view.state === 'different' && view.differences.length === 0 && !view.assignmentsDiffer;
  const notes = [
    STATE_NOTE[view.state],
    view.assignmentsDiffer && assignmentRows === 0 ? 'The assignments differ.' : undefined,
    onlyUnset ? `${NOT_CONFIGURED_ONLY} on each side (absent, empty or null), so no setting is listed.` : undefined,
  ].filter(Boolean);
  return renderCard(template, {
    name: clip(view.displayName),
    subtitle: `${clip(view.typeLabel, 60)} · ${clip(view.sourceName, 80)} → ${clip(view.targetName, 80)}`,
    state: stateText(view.state, total, assignmentRows),
    stateColor: COMPARE_STATE_LABELS[view.state].color,
    note: notes.join(' '),
    hasDifferences: rows.shown.length > 0,
    sourceName: `Source: ${clip(view.sourceName, 60)}`,
    targetName: `Target: ${clip(view.targetName, 60)}`,
    differences: rows.shown.map((d) => {
      const source = shown(d.sourceValue);
      const target = shown(d.targetValue);
      return { path: d.path === ASSIGNMENT_ROW ? 'Assignment' : clipMiddle(d.path), sourceValue: source.text, sourceUnset: source.unset, targetValue: target.text, targetUnset: target.unset };
    }),
    more: rows.more ? `${rows.more} rows; Export CSV on the compare card lists every setting.` : '',
    back: execute('Back to compare', {
      verb: 'compare.page',
      data: { selection: selectionData(view.selection), page: view.comparePage, registry: view.registry && registryData(view.registry) },
    }),
  });
}
