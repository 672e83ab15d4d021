import type { SubjectTypeKey } from '../subjects/subject-type';
import { compareCodeUnits } from './fingerprint';

/** A display name reduced to what identifies it: NFC, trimmed, inner whitespace collapsed, lower case. */
export function normaliseName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

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
