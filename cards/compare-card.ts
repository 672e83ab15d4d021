import type { CompareCounts, CompareSelection, CompareState } from '../core/compare/model';
import type { SubjectTypeKey } from '../core/subjects/subject-type';
import { execute, guarded, paging, registryData, selectionData } from './actions';
import { assignmentModeText, COMPARE_STATE_LABELS, COMPARE_STATE_ORDER } from './labels';
import { renderCard, type CardAttachment } from './render';
import { directionText, tenantColumns } from './tenant-header';
import template from './templates/compare.json';
import { clip, countOf } from './text';
import type { RegistryData } from './verbs';
import type { Availability, PageView, TenantView } from './view-parts';

/** One difference row of the compare card. */
export interface CompareRowView {
  type: SubjectTypeKey;
  typeLabel: string;
  displayName: string;
  state: CompareState;
  /** Number of differing settings (0 unless different). */
  differenceCount: number;
  /** True when only the assignments differ. */
  assignmentsOnly?: boolean;
  /** How many managed mappings judged this subject's references; absent when none. */
  mappingsUsed?: number;
}

/** The compare card: both tenants, the selection, counts per state and the current page of differences. */
export interface CompareCardView {
  source: TenantView;
  target: TenantView;
  selection: CompareSelection;
  /** e.g. "All types" or "Settings catalog, Compliance policy". */
  typesText: string;
  counts: CompareCounts;
  /** Rows of the current page, in the preview's deterministic order. */
  rows: CompareRowView[];
  /** In-sync subjects whose references were judged through managed mappings (0 when none). */
  inSyncThroughMappings?: number;
  page: PageView;
  fingerprint: string;
  /** Whether `Generate promotion preflight` is offered, or why not. */
  preflight: Availability;
  /** Signed, short-lived CSV export link; absent hides `Export CSV`. */
  exportUrl?: string;
  /** Set when the compare was opened from the tenant registry: adds `Back to tenants`. */
  registry?: RegistryData;
}

/** A subject whose payloads differ only where both sides mean "not configured" (absent, empty, null, notConfigured). */
export const NOT_CONFIGURED_ONLY = 'Differs only in values that mean "not configured"';

/** Most rows one compare card shows; the rest are reached by paging. */
export const MAX_COMPARE_ROWS = 10;
const DIFFERENCE_STATES: readonly CompareState[] = ['different', 'missing_in_target', 'only_in_target', 'ambiguous'];

const ROW_DETAIL: Record<CompareState, (row: CompareRowView) => string> = {
  in_sync: () => 'Same settings in both tenants',
  different: (row) =>
    row.assignmentsOnly ? 'Only the assignments differ'
      : row.differenceCount === 0 ? NOT_CONFIGURED_ONLY
        : countOf(row.differenceCount, 'setting differs', 'settings differ'),
  missing_in_target: () => 'Not in the target yet',
  only_in_target: () => 'Exists only in the target: never touched',
  ambiguous: () => 'Several subjects share this name: resolve the duplicates first',
};

/** Says that managed mappings made subjects count as in sync, so an operator knows why a renamed reference matches. */
function mappedText(inSync: number): string {
  return inSync > 0 ? ` · ${countOf(inSync, 'subject is', 'subjects are')} in sync through managed mappings` : '';
}

/** The compare preview card with one dominant next action, `Generate promotion preflight`. */
export function compareCard(view: CompareCardView): CardAttachment {
  const selection = selectionData(view.selection);
  const registry = view.registry && registryData(view.registry);
  const differences = DIFFERENCE_STATES.reduce((sum, s) => sum + view.counts[s], 0);
  return renderCard(template, {
    tenants: tenantColumns(view.source, view.target),
    direction: directionText(view.source.displayName, view.target.displayName),
    selectionText: `Types: ${clip(view.typesText, 300)} · ${assignmentModeText(view.selection.includeAssignments)}${mappedText(view.inSyncThroughMappings ?? 0)}`,
    facts: COMPARE_STATE_ORDER.map((s) => ({ title: COMPARE_STATE_LABELS[s].label, value: String(view.counts[s]) })),
    rowsTitle: view.rows.length > 0 ? `Differences (${differences})` : 'Nothing differs: every subject in scope is in sync.',
    rows: view.rows.slice(0, MAX_COMPARE_ROWS).map((row) => ({
      state: COMPARE_STATE_LABELS[row.state].label,
      stateColor: COMPARE_STATE_LABELS[row.state].color,
      name: `${clip(row.typeLabel, 60)} · ${clip(row.displayName, 120)}`,
      detail: `${ROW_DETAIL[row.state](row)}${row.mappingsUsed ? ` (judged through ${countOf(row.mappingsUsed, 'managed mapping', 'managed mappings')})` : ''}`,
      details: execute('Details', {
        verb: 'compare.details',
        data: { selection, subject: { type: row.type, displayName: row.displayName }, page: view.page.page, registry },
      }),
    })),
    paging: paging(view.page, (page) => ({ verb: 'compare.page', data: { selection, page, registry } })),
    primary: guarded(
      'Generate promotion preflight',
      { verb: 'preflight.generate', data: { selection, compareFingerprint: view.fingerprint, registry } },
      view.preflight,
      'positive',
    ),
    exportUrl: view.exportUrl ?? '',
    secondary: [
      execute('Refresh', { verb: 'compare.refresh', data: { selection, registry } }),
      ...(registry ? [execute('Back to tenants', { verb: 'tenants.back', data: registry })] : []),
    ],
    detailsText: `Details: compare ${view.fingerprint.slice(0, 12)}`,
  });
}
