import { assignmentTargets } from '../compare/assignment-targets';
import type { InventorySubject } from '../inventory/model';
import type { SubjectReference } from '../subjects/references';

/** Where a reference of a subject comes from: its settings payload, its assignments, or both. */
export type ReferenceOrigin = 'payload' | 'assignments' | 'both';

/** A subject reference with its origin. */
export interface OriginatedReference extends SubjectReference {
  origin: ReferenceOrigin;
}

/** References named by assignment targets: include/exclude groups and assignment filters. */
export function assignmentReferences(subject: Pick<InventorySubject, 'assignments'>): SubjectReference[] {
  return assignmentTargets(subject.assignments).flatMap((t) => [
    ...(t.groupId ? [{ kind: 'group' as const, id: t.groupId }] : []),
    ...(t.filterId ? [{ kind: 'assignmentFilter' as const, id: t.filterId }] : []),
  ]);
}

/**
 * Every reference of a subject (its extracted references plus those its assignments name), once
 * each, tagged with where it occurs: an id that appears as a string value in the payload is `payload`.
 */
export function referenceOrigins(subject: InventorySubject): OriginatedReference[] {
  const assigned = assignmentReferences(subject);
  const fromAssignments = new Set(assigned.map(refKey));
  // Only an id its assignments name can be "both": the payload is searched for those ids alone (most subjects have
  // none, and walking every payload was a large share of a preflight's time).
  const inPayload = assigned.length === 0 ? new Set<string>() : stringValuesAmong(subject.payload, new Set(assigned.map((r) => r.id)));
  const all = new Map<string, SubjectReference>();
  for (const ref of [...subject.references, ...assigned]) all.set(refKey(ref), ref);
  return [...all.entries()].map(([key, ref]) => {
    const payload = inPayload.has(ref.id) || !fromAssignments.has(key);
    const assignments = fromAssignments.has(key);
    return {
      kind: ref.kind,
      id: ref.id,
      origin: payload && assignments ? 'both' : assignments ? 'assignments' : 'payload',
    };
  });
}

/** The references a promotion must resolve: without assignments, those that occur only in assignments are left out. */
export function referencesToResolve(subject: InventorySubject, includeAssignments: boolean): SubjectReference[] {
  return referenceOrigins(subject)
    .filter((ref) => includeAssignments || ref.origin !== 'assignments')
    .map(({ kind, id }) => ({ kind, id }));
}

function refKey(ref: SubjectReference): string {
  return `${ref.kind}\u0000${ref.id}`;
}

/** The strings of `wanted` that occur as a string value anywhere in `value`; stops once all are found. */
function stringValuesAmong(value: unknown, wanted: ReadonlySet<string>, out = new Set<string>()): Set<string> {
  if (out.size === wanted.size) return out;
  if (typeof value === 'string') {
    if (wanted.has(value)) out.add(value);
  } else if (Array.isArray(value)) {
    for (const item of value) stringValuesAmong(item, wanted, out);
  } else if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) stringValuesAmong(item, wanted, out);
  }
  return out;
}
