import type { InventorySubject } from '../inventory/model';
import { summariseAssignments } from './assignment-targets';
import { canonicalJson, compareCodeUnits } from './fingerprint';
import { flattenSettings } from './flatten-settings';
import type { InventorySnapshot } from '../inventory/model';
import type { CompareEntry, SettingDifference } from './model';

/** Options of {@link settingDifferences}. */
export interface SettingDifferenceOptions {
  includeAssignments: boolean;
  /** Longest value shown, ellipsis included; default 60. */
  maxValueLength?: number;
}

const DEFAULT_MAX_VALUE_LENGTH = 60;
/** Path under which differing assignments are reported (one row, not one per assignment). */
export const ASSIGNMENTS_PATH = 'assignments';

/**
 * The leaf settings that differ between a source and a target subject, sorted by path, values
 * rendered as short strings (undefined where the side lacks the setting). When assignments are
 * included and differ, one extra `assignments` row carries a count + summary of each side.
 */
export function settingDifferences(
  source: InventorySubject,
  target: InventorySubject,
  opts: SettingDifferenceOptions,
): SettingDifference[] {
  const max = opts.maxValueLength ?? DEFAULT_MAX_VALUE_LENGTH;
  const sourceLeaves = flattenSettings(source.payload);
  const targetLeaves = flattenSettings(target.payload);
  const paths = new Set([...sourceLeaves.keys(), ...targetLeaves.keys()]);
  const differences: SettingDifference[] = [];
  for (const path of paths) {
    const s = sourceLeaves.get(path);
    const t = targetLeaves.get(path);
    if (sourceLeaves.has(path) && targetLeaves.has(path) && leavesEqual(s, t)) continue;
    differences.push({
      path,
      sourceValue: sourceLeaves.has(path) ? shorten(displayValue(s, path), max) : undefined,
      targetValue: targetLeaves.has(path) ? shorten(displayValue(t, path), max) : undefined,
    });
  }
  if (opts.includeAssignments && canonicalJson(source.assignments) !== canonicalJson(target.assignments)) {
    differences.push({
      path: ASSIGNMENTS_PATH,
      sourceValue: shorten(summariseAssignments(source.assignments), max),
      targetValue: shorten(summariseAssignments(target.assignments), max),
    });
  }
  return differences.sort((a, b) => compareCodeUnits(a.path, b.path));
}

/**
 * How many leaf settings differ (the compare card's count), without rendering any value: the preview needs the
 * number for every different subject, the values only for the one whose details are opened.
 */
export function countSettingDifferences(source: InventorySubject, target: InventorySubject): number {
  const sourceLeaves = flattenSettings(source.payload);
  const targetLeaves = flattenSettings(target.payload);
  let count = 0;
  for (const [path, value] of sourceLeaves) {
    if (!targetLeaves.has(path) || !leavesEqual(value, targetLeaves.get(path))) count++;
  }
  for (const path of targetLeaves.keys()) if (!sourceLeaves.has(path)) count++;
  return count;
}

/**
 * The number of differing settings of a compare entry (0 unless it is `different` in its settings), looked up in the
 * snapshots the preview was built from. Computed for the rows a card shows, not for every entry of the preview.
 */
export function entryDifferenceCount(
  entry: Pick<CompareEntry, 'state' | 'type' | 'sourceIds' | 'targetIds' | 'assignmentsOnly'>,
  source: Pick<InventorySnapshot, 'subjects'>,
  target: Pick<InventorySnapshot, 'subjects'>,
): number {
  if (entry.state !== 'different' || entry.assignmentsOnly) return 0;
  const s = source.subjects.find((x) => x.type === entry.type && x.graphId === entry.sourceIds[0]);
  const t = target.subjects.find((x) => x.type === entry.type && x.graphId === entry.targetIds[0]);
  return s && t ? countSettingDifferences(s, t) : 0;
}

/** Leaves are primitives or empty containers (flattenSettings descends into everything else). */
function leavesEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  return typeof a === 'object' && typeof b === 'object' && a !== null && b !== null && Array.isArray(a) === Array.isArray(b);
}

/**
 * Leaf as text. Settings catalog choice values repeat their definition id (`<definitionId>_<option>`),
 * which would leave only identical prefixes after shortening, so that prefix is dropped.
 */
function displayValue(leaf: unknown, path: string): string {
  if (typeof leaf !== 'string') return canonicalJson(leaf);
  const definitionId = [...path.matchAll(/\[([^\]]+)\]/g)]
    .map((m) => m[1]!)
    .filter((k) => !/^\d+$/.test(k))
    .pop();
  return definitionId && leaf.startsWith(`${definitionId}_`) ? leaf.slice(definitionId.length + 1) : leaf;
}

/** Cuts text to at most `max` characters (code points), marking the cut with an ellipsis. */
export function shorten(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}
