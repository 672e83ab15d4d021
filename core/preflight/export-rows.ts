import type { CompareEntry, CompareState, ComparePreview, SettingDifference } from '../compare/model';
import { identityKey } from '../compare/subject-identity';
import type { SubjectTypeKey } from '../subjects/subject-type';
import type { PreflightItem, PreflightOutcome, PromotionPreflight } from './model';
import { blockedReasonText, createdFirstText, mappingGapText } from './reason-text';

/**
 * One exported row per compare entry, with the preflight decision when a preflight is given, followed by one row per
 * differing setting of that entry (`setting`, `sourceValue`, `targetValue` set) when setting rows are asked for.
 */
export interface ExportRow {
  type: SubjectTypeKey;
  name: string;
  compareState: CompareState;
  outcome?: PreflightOutcome;
  /**
   * Operator sentence for blocked subjects (plus detail), for subjects excluded from promotion, and for ready subjects
   * that use an object created first in the same run.
   */
  reason?: string;
  /** Mapping gaps as sentences joined by `; `, for manual-mapping subjects. */
  gaps?: string;
  /** Setting rows: the setting's path (`assignments` for an added or removed assignment) and each side's value. */
  setting?: string;
  sourceValue?: string;
  targetValue?: string;
}

/** The setting rows of one compare entry (see core/compare entrySettingDifferences). */
export type SettingRowsOf = (entry: CompareEntry) => SettingDifference[];

const COLUMNS = [
  'type',
  'name',
  'compareState',
  'outcome',
  'reason',
  'gaps',
  'setting',
  'sourceValue',
  'targetValue',
] as const satisfies readonly (keyof ExportRow)[];

/** Rows in preview order; without a preflight only type, name and compare state (and setting rows) are filled. */
export function exportRows(preview: ComparePreview, preflight?: PromotionPreflight, settingRows?: SettingRowsOf): ExportRow[] {
  const subjects = subjectRows(preview, preflight);
  if (!settingRows) return subjects;
  return preview.entries.flatMap((entry, i) => [
    subjects[i]!,
    ...settingRows(entry).map((d) => ({
      type: entry.type,
      name: entry.displayName,
      compareState: entry.state,
      setting: d.path,
      ...(d.sourceValue !== undefined ? { sourceValue: d.sourceValue } : {}),
      ...(d.targetValue !== undefined ? { targetValue: d.targetValue } : {}),
    })),
  ]);
}

function subjectRows(preview: ComparePreview, preflight?: PromotionPreflight): ExportRow[] {
  const items = new Map((preflight?.items ?? []).map((i) => [identityKey(i.type, i.displayName), i]));
  const excluded = new Map((preflight?.excluded ?? []).map((e) => [identityKey(e.key.type, e.key.displayName), e.why]));
  return preview.entries.map((entry) => {
    const row: ExportRow = { type: entry.type, name: entry.displayName, compareState: entry.state };
    const id = identityKey(entry.type, entry.displayName);
    const item = items.get(id);
    if (item) return { ...row, outcome: item.outcome, ...decisionText(item) };
    const why = excluded.get(id);
    return why ? { ...row, reason: why } : row;
  });
}

function decisionText(item: PreflightItem): Pick<ExportRow, 'reason' | 'gaps'> {
  if (item.blockedReason) {
    const detail = item.blockedDetail ? ` ${item.blockedDetail}` : '';
    return { reason: `${blockedReasonText(item.blockedReason)}${detail}` };
  }
  if (item.dependsOn?.length) return { reason: createdFirstText(item.dependsOn) };
  return item.gaps?.length ? { gaps: item.gaps.map(mappingGapText).join('; ') } : {};
}

/** CSV (RFC 4180: CRLF, quoted when needed, quotes doubled) with a header row; formula-like cells are neutralised. */
export function toCsv(rows: readonly ExportRow[]): string {
  const lines = [COLUMNS.join(','), ...rows.map((row) => COLUMNS.map((c) => csvCell(row[c])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

/** Spreadsheets evaluate cells starting with these characters as formulas. */
const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(value: string | undefined): string {
  const text = value === undefined ? '' : FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
