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
  const inPayload = stringValues(subject.payload);
  const fromAssignments = new Set(assignmentReferences(subject).map(refKey));
  const all = new Map<string, SubjectReference>();
  for (const ref of [...subject.references, ...assignmentReferences(subject)]) all.set(refKey(ref), ref);
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

function stringValues(value: unknown, out = new Set<string>()): Set<string> {
  if (typeof value === 'string') out.add(value);
  else if (Array.isArray(value)) value.forEach((item) => stringValues(item, out));
  else if (typeof value === 'object' && value !== null) Object.values(value).forEach((item) => stringValues(item, out));
  return out;
}
