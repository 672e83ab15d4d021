import { GOVERNED_REFERENCE_TYPES } from '../subjects/governed-references';
import type { AppliedMapping, CreatedFirst, MappingGap, PreflightItem } from './model';

/** One classified item with its own reference resolution, kept while it may still become ready. */
export interface ClassifiedItem {
  item: PreflightItem;
  /** The references that did resolve (managed mappings included), for manual-mapping items. */
  resolved?: { referenceMap: Record<string, string>; mappingsUsed: AppliedMapping[] };
}

const key = (type: string, sourceId: string) => `${type}\u0000${sourceId}`;

/** Ready creates by their type and source id: the subjects a run writes before anything that points at them. */
function readyCreates(items: readonly PreflightItem[]): Map<string, PreflightItem> {
  return new Map(items.filter((i) => i.outcome === 'ready' && i.action === 'create').map((i) => [key(i.type, i.sourceId), i]));
}

/** The subject of this preflight whose create resolves the gap; undefined when no ready subject does. */
function createdFirst(gap: MappingGap, creates: ReadonlyMap<string, PreflightItem>): CreatedFirst | undefined {
  const type = GOVERNED_REFERENCE_TYPES[gap.kind];
  if (gap.problem !== 'missing_in_target' || type === undefined) return undefined;
  const subject = creates.get(key(type, gap.sourceId));
  return subject && { kind: gap.kind, type, sourceId: gap.sourceId, sourceName: subject.displayName };
}

/**
 * A subject whose only missing references are objects that are themselves ready to be created in the same preflight
 * (an assignment filter, a named location) becomes ready, depending on them: the run creates them first and resolves
 * the references to their new ids. Repeated until nothing changes, so a chain resolves whatever the order. A referenced
 * subject that is not ready (blocked, needing mapping, not in the compare) leaves the subject where it was. Items that
 * still miss other references get the resolvable gaps as `awaiting_promotion`, so the operator reads that only the
 * other references need mapping.
 */
export function resolveCreatedFirst(classified: readonly ClassifiedItem[]): PreflightItem[] {
  const items = classified.map((c) => c.item);
  for (let changed = true; changed; ) {
    changed = false;
    const creates = readyCreates(items);
    items.forEach((item, n) => {
      const resolved = classified[n]!.resolved;
      if (item.outcome !== 'manual_mapping_required' || !resolved || !item.gaps?.length) return;
      const dependsOn = item.gaps.map((gap) => createdFirst(gap, creates));
      if (dependsOn.some((d) => d === undefined)) return;
      const { gaps: _resolved, ...rest } = item;
      items[n] = { ...rest, outcome: 'ready', referenceMap: resolved.referenceMap, dependsOn: dependsOn as CreatedFirst[], mappingsUsed: resolved.mappingsUsed };
      changed = true;
    });
  }
  const creates = readyCreates(items);
  const awaits = (gap: MappingGap) => createdFirst(gap, creates) !== undefined;
  return items.map((item) =>
    item.outcome === 'manual_mapping_required' && item.gaps?.some(awaits)
      ? { ...item, gaps: item.gaps.map((g) => (awaits(g) ? { ...g, problem: 'awaiting_promotion' as const } : g)) }
      : item,
  );
}
