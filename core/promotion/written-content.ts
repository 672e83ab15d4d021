import { isUniversalId } from '../subjects/reference-ids';
import type { GraphJson, ReferenceTranslator } from '../subjects/subject-type';
import type { PlanItem } from './plan';

/** Source reference id → target id as the preflight resolved it; universal ids map to themselves; others are unmapped. */
export function itemTranslator(item: Pick<PlanItem, 'referenceMap'>): ReferenceTranslator {
  return (ref) => item.referenceMap[ref.id] ?? (isUniversalId(ref.kind, ref.id) ? ref.id : undefined);
}

/** Deep "expected is contained in actual": objects by their expected members, arrays as equally long multisets, null matches absent. */
export function contentMatches(expected: unknown, actual: unknown): boolean {
  if (expected === null || expected === undefined) return actual === null || actual === undefined;
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return false;
    const unused = [...actual];
    return expected.every((member) => {
      const at = unused.findIndex((candidate) => contentMatches(member, candidate));
      if (at < 0) return false;
      unused.splice(at, 1);
      return true;
    });
  }
  if (typeof expected === 'object') {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return false;
    const target = actual as GraphJson;
    return Object.entries(expected as GraphJson).every(([key, value]) => contentMatches(value, target[key]));
  }
  return expected === actual;
}
