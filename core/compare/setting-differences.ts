import type { InventorySnapshot, InventorySubject } from '../inventory/model';
import { assignmentDescriptions } from './assignment-targets';
import { canonicalJson, compareCodeUnits } from './fingerprint';
import { flattenSettings } from './flatten-settings';
import type { CompareEntry, SettingDifference } from './model';
import { differingUnits, isUnset, settingNodes, unitLabel, unitLeaves, type SettingUnit } from './setting-units';

/** Display names of reference objects (groups, filters, …) by id, per side; ids without a name show as they are. */
export interface ReferenceNames {
  source: ReadonlyMap<string, string>;
  target: ReadonlyMap<string, string>;
}

/** Options of {@link settingDifferences}. */
export interface SettingDifferenceOptions {
  includeAssignments: boolean;
  /** Longest value shown, ellipsis included; default 60. */
  maxValueLength?: number;
  /** Names that replace reference ids in values and assignments. */
  names?: ReferenceNames;
}

const DEFAULT_MAX_VALUE_LENGTH = 60;
/** Path of the rows that describe an added or removed assignment. */
export const ASSIGNMENTS_PATH = 'assignments';
const NO_NAMES: ReferenceNames = { source: new Map(), target: new Map() };

/** Display names of a snapshot's reference objects by id, for {@link ReferenceNames}. */
export function referenceNameMap(snapshot: Pick<InventorySnapshot, 'referenceObjects'>): Map<string, string> {
  return new Map(snapshot.referenceObjects.map((o) => [o.id, o.displayName]));
}

/**
 * The settings that differ between a source and a target subject, one row each, sorted by path: a settings-catalog
 * setting with its children is one setting, a changed child is named after its parent, and settings "not configured"
 * on both sides are left out. Values are short text with reference ids shown by name (undefined where the side lacks
 * the setting). When assignments are included and differ, each added or removed assignment is one more row.
 */
export function settingDifferences(source: InventorySubject, target: InventorySubject, opts: SettingDifferenceOptions): SettingDifference[] {
  const max = opts.maxValueLength ?? DEFAULT_MAX_VALUE_LENGTH;
  const names = opts.names ?? NO_NAMES;
  const sourceLeaves = flattenSettings(source.payload);
  const targetLeaves = flattenSettings(target.payload);
  const rows = differingUnits(sourceLeaves, targetLeaves, leavesEqual).filter(isSetting).map((unit) => ({
    path: unitLabel(unit),
    sourceValue: unitValue(unit, sourceLeaves, names.source, max, targetLeaves),
    targetValue: unitValue(unit, targetLeaves, names.target, max, sourceLeaves),
  }));
  const sorted = rows.sort((a, b) => compareCodeUnits(a.path, b.path));
  return opts.includeAssignments ? [...sorted, ...assignmentRows(source, target, names, max)] : sorted;
}

/** How many settings differ (the compare card's count), without rendering any value; assignments aside. */
export function countSettingDifferences(source: Pick<InventorySubject, 'payload'>, target: Pick<InventorySubject, 'payload'>): number {
  return differingUnits(flattenSettings(source.payload), flattenSettings(target.payload), leavesEqual).filter(isSetting).length;
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

/**
 * The setting rows of one compare entry, with reference names from both snapshots: for `different` what differs, for
 * `missing_in_target` every setting (and assignment) a promotion would create; none for the other states.
 */
export function entrySettingDifferences(
  entry: Pick<CompareEntry, 'state' | 'type' | 'sourceIds' | 'targetIds'>,
  source: Pick<InventorySnapshot, 'subjects' | 'referenceObjects'>,
  target: Pick<InventorySnapshot, 'subjects' | 'referenceObjects'>,
  opts: Omit<SettingDifferenceOptions, 'names'>,
): SettingDifference[] {
  if (entry.state !== 'different' && entry.state !== 'missing_in_target') return [];
  const s = source.subjects.find((x) => x.type === entry.type && x.graphId === entry.sourceIds[0]);
  const found = target.subjects.find((x) => x.type === entry.type && x.graphId === entry.targetIds[0]);
  const t = entry.state === 'missing_in_target' && s ? { ...s, payload: {}, assignments: [] } : found;
  if (!s || !t) return [];
  return settingDifferences(s, t, { ...opts, names: { source: referenceNameMap(source), target: referenceNameMap(target) } });
}

/** One row per assignment present on one side only, compared by what it targets (names, filter, intent), not by ids. */
function assignmentRows(source: InventorySubject, target: InventorySubject, names: ReferenceNames, max: number): SettingDifference[] {
  if (canonicalJson(source.assignments) === canonicalJson(target.assignments)) return [];
  const inSource = assignmentDescriptions(source.assignments, names.source);
  const inTarget = assignmentDescriptions(target.assignments, names.target);
  const unmatched = (mine: string[], theirs: string[]) => {
    const left = [...theirs];
    return mine.filter((d) => {
      const at = left.indexOf(d);
      if (at < 0) return true;
      left.splice(at, 1);
      return false;
    });
  };
  const rows = [
    ...unmatched(inSource, inTarget).map((d) => ({ path: ASSIGNMENTS_PATH, sourceValue: shorten(d, max), targetValue: undefined })),
    ...unmatched(inTarget, inSource).map((d) => ({ path: ASSIGNMENTS_PATH, sourceValue: undefined, targetValue: shorten(d, max) })),
  ];
  // Same targets by name, other details (ids, settings of an assignment): still say they differ.
  return rows.length > 0 ? rows : [{ path: ASSIGNMENTS_PATH, sourceValue: 'same targets, other details', targetValue: 'same targets, other details' }];
}

/** The name is the subject's identity (how the compare pairs subjects), not one of its settings. */
const IDENTITY_KEYS = new Set(['name', 'displayName']);
const isSetting = (unit: SettingUnit) => !IDENTITY_KEYS.has(unit.key);

/** Leaves are primitives or empty containers (flattenSettings descends into everything else). */
function leavesEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  return typeof a === 'object' && typeof b === 'object' && a !== null && b !== null && Array.isArray(a) === Array.isArray(b);
}

/**
 * A setting's value on one side: its own chosen/simple values and how many child settings it holds; for an item keyed
 * by its identity that has no value of its own, its members that the other side does not share.
 */
function unitValue(unit: SettingUnit, leaves: ReadonlyMap<string, unknown>, names: ReadonlyMap<string, string>, max: number, other: ReadonlyMap<string, unknown>): string | undefined {
  const mine = unitLeaves(unit, leaves);
  if (mine.length === 0) return undefined;
  if (unit.nodes.length === 0) {
    const values = mine.filter(([, v]) => !isUnset(v)).map(([, v]) => leafText(v, names));
    return shorten(values.length > 0 ? values.join(', ') : 'not configured', max);
  }
  const node = unit.nodes.at(-1)!;
  const depth = unit.nodes.length;
  const own = mine.filter(([path]) => settingNodes(path).length === depth);
  const values = own.filter(([path, v]) => /\.value$/.test(path) && !isUnset(v)).map(([, v]) => leafText(v, names, node.id));
  const children = new Set(mine.map(([path]) => settingNodes(path)[depth]?.prefix).filter(Boolean)).size;
  const parts = [...values, ...(children > 0 ? [`${children} child ${children === 1 ? 'setting' : 'settings'}`] : [])];
  if (parts.length > 0) return shorten(parts.join(', '), max);
  // An item keyed by its identity without a `value` (an app by its bundle id, a message by its locale): its members.
  const members = own.filter(([path, v]) => !isUnset(v) && !path.endsWith('@odata.type'));
  const differing = members.filter(([path, v]) => !(other.has(path) && leavesEqual(other.get(path), v)));
  const shown = (differing.length > 0 ? differing : members).map(([, v]) => leafText(v, names));
  return shorten(shown.length > 0 ? shown.join(', ') : 'configured', max);
}

/**
 * Leaf as text: a reference id by its name, and a settings catalog choice without the definition id it repeats
 * (`<definitionId>_<option>` would leave only identical prefixes after shortening).
 */
function leafText(leaf: unknown, names: ReadonlyMap<string, string>, definitionId?: string): string {
  if (typeof leaf !== 'string') return canonicalJson(leaf);
  const named = names.get(leaf);
  if (named !== undefined) return named;
  return definitionId && leaf.startsWith(`${definitionId}_`) ? leaf.slice(definitionId.length + 1) : leaf;
}

/** Cuts text to at most `max` characters (code points), marking the cut with an ellipsis. */
export function shorten(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}
