import type { SubjectTypeKey } from '../subjects/subject-type';
import { compareCodeUnits } from './fingerprint';

/** A display name reduced to what identifies it: NFC, trimmed, inner whitespace collapsed, lower case. */
export function normaliseName(name: string): string {
  let normalised = NORMALISED.get(name);
  if (normalised === undefined) {
    if (NORMALISED.size >= MAX_REMEMBERED_NAMES) NORMALISED.clear();
    normalised = name.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
    NORMALISED.set(name, normalised);
  }
  return normalised;
}

/**
 * Names repeat across compare, preflight and every card of a large tenant pair; remembering a bounded number of
 * results keeps identity matching cheap. The result depends on the name alone, so this cannot change an answer.
 */
const NORMALISED = new Map<string, string>();
const MAX_REMEMBERED_NAMES = 100_000;

/** Identity of a governed subject across tenants: its type plus its normalised display name. */
export function identityKey(type: SubjectTypeKey, displayName: string): string {
  return `${type}\u0000${normaliseName(displayName)}`;
}

/** Deterministic order of subjects: by type key, then normalised name, then exact spelling. */
export function compareSubjectKeys(
  a: { type: SubjectTypeKey; displayName: string },
  b: { type: SubjectTypeKey; displayName: string },
): number {
  return (
    compareCodeUnits(a.type, b.type) ||
    compareCodeUnits(normaliseName(a.displayName), normaliseName(b.displayName)) ||
    compareCodeUnits(a.displayName, b.displayName)
  );
}

/**
 * The items sorted by `first`, then in {@link compareSubjectKeys} order, with each name normalised once rather than
 * on every comparison (a sort compares n log n times). Returns a new array; the input is not modified.
 */
export function sortBySubjectKey<T>(
  items: readonly T[],
  keyOf: (item: T) => { type: SubjectTypeKey; displayName: string },
  first: (a: T, b: T) => number = () => 0,
): T[] {
  return items
    .map((item) => {
      const key = keyOf(item);
      return { item, key, name: normaliseName(key.displayName) };
    })
    .sort(
      (a, b) =>
        first(a.item, b.item) ||
        compareCodeUnits(a.key.type, b.key.type) ||
        compareCodeUnits(a.name, b.name) ||
        compareCodeUnits(a.key.displayName, b.key.displayName),
    )
    .map(({ item }) => item);
}
