import { REFERENCE_KINDS, UNIVERSAL_REFERENCE_IDS, type ReferenceKind, type SubjectReference } from './references';

/** Values Graph uses for "no object here" in reference-bearing properties. */
const EMPTY_IDS: ReadonlySet<string> = new Set(['', '00000000-0000-0000-0000-000000000000']);

/** True when the value names an object (a non-empty id other than the all-zero GUID). */
export function isReferenceId(value: unknown): value is string {
  return typeof value === 'string' && !EMPTY_IDS.has(value.trim().toLowerCase());
}

/** True for ids that mean the same object in every tenant (e.g. the built-in Default scope tag "0"). */
export function isUniversalId(kind: ReferenceKind, id: string): boolean {
  return UNIVERSAL_REFERENCE_IDS[kind]?.includes(id) ?? false;
}

/** The references a list of candidate ids of one kind makes: empty and universal ids are not references. */
export function referencesOf(kind: ReferenceKind, ids: unknown): SubjectReference[] {
  const list = Array.isArray(ids) ? ids : [ids];
  return list.filter(isReferenceId).filter((id) => !isUniversalId(kind, id)).map((id) => ({ kind, id }));
}

/** Each reference once, in a stable order (kind as declared, then id). */
export function uniqueReferences(refs: readonly SubjectReference[]): SubjectReference[] {
  const seen = new Map<string, SubjectReference>();
  for (const ref of refs) seen.set(`${ref.kind}\u0000${ref.id}`, { kind: ref.kind, id: ref.id });
  return [...seen.values()].sort(
    (a, b) => REFERENCE_KINDS.indexOf(a.kind) - REFERENCE_KINDS.indexOf(b.kind) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}
