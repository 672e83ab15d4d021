import type { AuditAction } from '../core/audit/model';
import type { CompareState } from '../core/compare/model';
import type { ItemOutcome, RunStatus } from '../core/runs/model';

/**
 * TextBlock colors of Adaptive Cards 1.5. Cards use the roles, never hex values, so each Teams theme (light, dark,
 * high contrast) maps them to its own readable shades; `warning` (yellow on white) is avoided for text.
 */
export type TextColor = 'default' | 'dark' | 'light' | 'accent' | 'good' | 'warning' | 'attention';

/** Operator-facing names of the compare states; these are the compare card's fact labels. */
export const COMPARE_STATE_LABELS: Record<CompareState, { label: string; color: TextColor }> = {
  in_sync: { label: 'In sync', color: 'good' },
  different: { label: 'Different', color: 'accent' },
  missing_in_target: { label: 'Missing in target', color: 'accent' },
  only_in_target: { label: 'Only in target', color: 'default' },
  ambiguous: { label: 'Ambiguous', color: 'attention' },
};

/** Compare states in the order the compare card's FactSet lists them. */
export const COMPARE_STATE_ORDER = ['in_sync', 'different', 'missing_in_target', 'only_in_target', 'ambiguous'] as const satisfies readonly CompareState[];

/** Label and color of each run status. */
export const RUN_STATUS_LABELS: Record<RunStatus, { label: string; color: TextColor }> = {
  queued: { label: 'Queued', color: 'default' },
  running: { label: 'Running', color: 'accent' },
  succeeded: { label: 'Succeeded', color: 'good' },
  partially_succeeded: { label: 'Partially succeeded', color: 'attention' },
  failed: { label: 'Failed', color: 'attention' },
};

/** Label and color of each per-item outcome of a run. */
export const ITEM_OUTCOME_LABELS: Record<ItemOutcome, { label: string; color: TextColor }> = {
  succeeded: { label: 'Succeeded', color: 'good' },
  failed: { label: 'Failed', color: 'attention' },
  skipped: { label: 'Skipped', color: 'default' },
};

/** Labels of the canonical summary counts, in display order. */
export const SUMMARY_COUNT_LABELS = [
  ['total', 'Total'],
  ['processed', 'Processed'],
  ['succeeded', 'Succeeded'],
  ['failed', 'Failed'],
  ['skipped', 'Skipped'],
] as const;

/** How a card names the assignment mode of a selection. */
export function assignmentModeText(includeAssignments: boolean): string {
  return includeAssignments ? 'Assignments included' : 'Assignments not included (policies only)';
}

/** Audit actions as an admin reads them in the audit card. */
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  'promotion.preflight.generated': 'Preflight generated',
  'promotion.execute.started': 'Promotion run started',
  'promotion.execute.completed': 'Promotion run finished',
  'promotion.execute.refused': 'Promotion refused',
  'promotion.request.cancelled': 'Promotion request cancelled',
  'promotion.undo.started': 'Undo run started',
  'promotion.undo.completed': 'Undo run finished',
  'promotion.undo.refused': 'Undo refused',
  'action.forbidden': 'Refused: missing right',
  'controls.promotions.paused': 'Promotions paused',
  'controls.promotions.resumed': 'Promotions resumed',
  'inventory.sync.requested': 'Inventory sync requested',
  'export.downloaded': 'Export downloaded',
  'mapping.saved': 'Mapping saved',
  'mapping.removed': 'Mapping removed',
  'watch.created': 'Drift watch created',
  'watch.stopped': 'Drift watch stopped',
  'watch.paused': 'Drift watch paused (creator lost access)',
};
