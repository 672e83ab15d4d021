import { compareCodeUnits } from '../compare/fingerprint';
import { normaliseName } from '../compare/subject-identity';
import type { InventorySnapshot } from '../inventory/model';
import { UNIVERSAL_REFERENCE_IDS, type ReferenceObject, type SubjectReference } from '../subjects/references';
import type { AppliedMapping, MappingGap } from './model';

/** Outcome of resolving a subject's references in the target tenant. */
export interface ReferenceResolution {
  /** Source reference id → target id, for every resolved reference. */
  referenceMap: Record<string, string>;
  /** Managed mappings that resolved a reference, sorted. */
  mappingsUsed: AppliedMapping[];
  /** References that could not be resolved, sorted by kind, source name, source id. */
  gaps: MappingGap[];
}

type Resolved = { targetId: string; mapping?: AppliedMapping } | { gap: MappingGap['problem'] };

/**
 * Resolves each reference, in this order: a universal id maps to itself; a managed mapping is used
 * when its target object still exists; otherwise the source object's display name must match exactly
 * one target object of the same kind. The first mapping listed for a kind + source id wins.
 */
export function resolveReferences(
  refs: readonly SubjectReference[],
  source: InventorySnapshot,
  target: InventorySnapshot,
  mappings: readonly AppliedMapping[] = [],
): ReferenceResolution {
  const managed = new Map<string, AppliedMapping>();
  for (const m of mappings) if (!managed.has(key(m.kind, m.sourceId))) managed.set(key(m.kind, m.sourceId), m);
  const sourceObjects = indexOf(source.referenceObjects).byId;
  const { byId: targetObjects, byName: targetByName } = indexOf(target.referenceObjects);

  const resolution: ReferenceResolution = { referenceMap: {}, mappingsUsed: [], gaps: [] };
  for (const ref of refs) {
    const sourceObject = sourceObjects.get(key(ref.kind, ref.id));
    const result = resolveOne(ref, sourceObject, managed, targetObjects, targetByName);
    if ('gap' in result) {
      resolution.gaps.push({
        kind: ref.kind,
        sourceId: ref.id,
        sourceName: sourceObject?.displayName,
        problem: result.gap,
      });
      continue;
    }
    resolution.referenceMap[ref.id] = result.targetId;
    if (result.mapping && !resolution.mappingsUsed.includes(result.mapping))
      resolution.mappingsUsed.push(result.mapping);
  }
  resolution.gaps.sort(
    (a, b) =>
      compareCodeUnits(a.kind, b.kind) ||
      compareCodeUnits(a.sourceName ?? '', b.sourceName ?? '') ||
      compareCodeUnits(a.sourceId, b.sourceId),
  );
  resolution.mappingsUsed.sort((a, b) => compareCodeUnits(a.kind, b.kind) || compareCodeUnits(a.sourceId, b.sourceId));
  return resolution;
}

function resolveOne(
  ref: SubjectReference,
  sourceObject: ReferenceObject | undefined,
  managed: Map<string, AppliedMapping>,
  targetObjects: Map<string, ReferenceObject>,
  targetByName: Map<string, ReferenceObject[]>,
): Resolved {
  if (UNIVERSAL_REFERENCE_IDS[ref.kind]?.includes(ref.id)) return { targetId: ref.id };
  const mapping = managed.get(key(ref.kind, ref.id));
  if (mapping) {
    return targetObjects.has(key(ref.kind, mapping.targetId))
      ? { targetId: mapping.targetId, mapping }
      : { gap: 'mapped_target_missing' };
  }
  if (!sourceObject) return { gap: 'unknown_in_source' };
  const candidates = targetByName.get(key(ref.kind, normaliseName(sourceObject.displayName))) ?? [];
  if (candidates.length === 0) return { gap: 'missing_in_target' };
  if (candidates.length > 1) return { gap: 'ambiguous_in_target' };
  return { targetId: candidates[0]!.id };
}

function key(kind: string, value: string): string {
  return `${kind}\u0000${value}`;
}

/** Indexes per reference list, built once: a preflight resolves thousands of subjects against the same snapshots. */
const indexes = new WeakMap<readonly ReferenceObject[], { byId: Map<string, ReferenceObject>; byName: Map<string, ReferenceObject[]> }>();

function indexOf(objects: readonly ReferenceObject[]) {
  let index = indexes.get(objects);
  if (!index) indexes.set(objects, (index = { byId: byId(objects), byName: byName(objects) }));
  return index;
}

function byId(objects: readonly ReferenceObject[]): Map<string, ReferenceObject> {
  return new Map(objects.map((o) => [key(o.kind, o.id), o]));
}

function byName(objects: readonly ReferenceObject[]): Map<string, ReferenceObject[]> {
  const map = new Map<string, ReferenceObject[]>();
  for (const o of objects) {
    const k = key(o.kind, normaliseName(o.displayName));
    map.set(k, [...(map.get(k) ?? []), o]);
  }
  return map;
}
