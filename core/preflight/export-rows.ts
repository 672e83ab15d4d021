import type { CompareState, ComparePreview } from '../compare/model';
import { identityKey } from '../compare/subject-identity';
import type { SubjectTypeKey } from '../subjects/subject-type';
import type { PreflightItem, PreflightOutcome, PromotionPreflight } from './model';
import { blockedReasonText, mappingGapText } from './reason-text';

/** One exported row per compare entry, with the preflight decision when a preflight is given. */
export interface ExportRow {
  type: SubjectTypeKey;
  name: string;
  compareState: CompareState;
  outcome?: PreflightOutcome;
  /** Operator sentence for blocked subjects (plus detail) and for subjects excluded from promotion. */
  reason?: string;
  /** Mapping gaps as sentences joined by `; `, for manual-mapping subjects. */
  gaps?: string;
}

const COLUMNS = [
  'type',
  'name',
  'compareState',
  'outcome',
  'reason',
  'gaps',
] as const satisfies readonly (keyof ExportRow)[];

/** Rows in preview order; without a preflight only type, name and compare state are filled. */
export function exportRows(preview: ComparePreview, preflight?: PromotionPreflight): ExportRow[] {
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
