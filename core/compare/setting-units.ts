/**
 * Groups differing payload leaves into the settings an operator recognises. A settings-catalog setting instance (or
 * any array element keyed by its identity, e.g. an OMA-URI row) is one setting together with its children: added or
 * removed whole, it is one row; changed inside, the row is the innermost changed setting, named after its parents.
 * Plain properties are one setting per leaf, and a list of plain values (`excludeGroups[0]`, `[1]`) is one setting.
 */

/** One setting node on a leaf's path: the path up to and including `[id]`, and the id. */
export interface SettingNode {
  prefix: string;
  id: string;
}

/** A differing setting: where it is, its node chain (empty for plain properties) and which side lacks it. */
export interface SettingUnit {
  key: string;
  nodes: SettingNode[];
}

/** Leaf values that mean "not configured" (absent, null, empty, `notConfigured`): the compare still sees them, the details do not list them. */
export function isUnset(value: unknown): boolean {
  if (value === undefined || value === null || value === '' || value === 'notConfigured') return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value).length === 0;
}

/** The identity-keyed segments of a path (`[device_vendor_…]`, `[./Vendor/MSFT/…]`), outermost first; indexes are not nodes. */
export function settingNodes(path: string): SettingNode[] {
  const nodes: SettingNode[] = [];
  for (const match of path.matchAll(/\[([^\]]+)\]/g)) {
    if (/^\d+$/.test(match[1]!)) continue;
    nodes.push({ prefix: path.slice(0, match.index! + match[0].length), id: match[1]! });
  }
  return nodes;
}

/** Every node prefix that has at least one leaf on this side. */
function presentNodes(leaves: ReadonlyMap<string, unknown>): Set<string> {
  const present = new Set<string>();
  for (const path of leaves.keys()) for (const node of settingNodes(path)) present.add(node.prefix);
  return present;
}

/**
 * The settings that differ between two flattened payloads, each once, sorted by key. Leaves equal on both sides, or
 * "not configured" on both (absent, null, `notConfigured`, empty), are no difference here.
 */
export function differingUnits(
  source: ReadonlyMap<string, unknown>,
  target: ReadonlyMap<string, unknown>,
  equal: (a: unknown, b: unknown) => boolean,
): SettingUnit[] {
  const inSource = presentNodes(source);
  const inTarget = presentNodes(target);
  const units = new Map<string, SettingUnit>();
  for (const path of new Set([...source.keys(), ...target.keys()])) {
    const s = source.get(path);
    const t = target.get(path);
    if (isUnset(s) && isUnset(t)) continue;
    if (source.has(path) && target.has(path) && equal(s, t)) continue;
    const nodes = settingNodes(path);
    const absentAt = nodes.findIndex((n) => !inSource.has(n.prefix) || !inTarget.has(n.prefix));
    const chain = absentAt >= 0 ? nodes.slice(0, absentAt + 1) : nodes;
    const key = chain.at(-1)?.prefix ?? path.replace(/\[\d+\]$/, '');
    if (!units.has(key)) units.set(key, { key, nodes: chain });
  }
  return [...units.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Leaves of one side that belong to a unit: under its node, or the plain leaf (and its list items). */
export function unitLeaves(unit: SettingUnit, leaves: ReadonlyMap<string, unknown>): [string, unknown][] {
  const { key } = unit;
  return [...leaves].filter(([path]) => path === key || path.startsWith(`${key}.`) || path.startsWith(`${key}[`));
}

const VENDOR_PREFIX = /^(?:device|user)_vendor_msft_(?:policy_config_)?/;

/**
 * The setting's name as an operator reads it: the definition ids of its chain without the common vendor prefix, each
 * child without the part it repeats from its parent (`defender_attacksurfacereductionrules › blockexecutablecontent…`).
 * Plain properties keep their property path.
 */
export function unitLabel(unit: SettingUnit): string {
  if (unit.nodes.length === 0) return unit.key;
  return unit.nodes
    .map((node, i) => {
      const parent = unit.nodes[i - 1]?.id;
      if (parent && node.id.startsWith(`${parent}_`)) return node.id.slice(parent.length + 1);
      return node.id.replace(VENDOR_PREFIX, '');
    })
    .join(' › ');
}
