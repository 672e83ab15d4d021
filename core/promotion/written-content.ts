import { canonicalJson } from '../inventory/canonical';
import type { InventorySubject } from '../inventory/model';
import { normaliseAssignments } from '../inventory/normalise';
import { translateAssignments } from '../subjects/assignment-references';
import { isUniversalId } from '../subjects/reference-ids';
import { stripReadOnly } from '../subjects/strip';
import type { GraphJson, ReferenceTranslator, SubjectType } from '../subjects/subject-type';
import type { PlanItem } from './plan';

/** Source reference id → target id as the preflight resolved it; universal ids map to themselves; others are unmapped. */
export function itemTranslator(item: Pick<PlanItem, 'referenceMap'>): ReferenceTranslator {
  return (ref) => item.referenceMap[ref.id] ?? (isUniversalId(ref.kind, ref.id) ? ref.id : undefined);
}

/** The body of the subject's own write (create POST, or update PATCH / PUT) for the source subject: what the target should hold. */
export function writtenBody(type: SubjectType, action: PlanItem['action'], source: InventorySubject, translate: ReferenceTranslator, targetId: string): GraphJson {
  const [write] = action === 'create' ? type.createRequests(source.payload, translate) : type.updateRequests(targetId, source.payload, translate);
  const body = write?.body;
  return typeof body === 'object' && body !== null ? (stripReadOnly(body, new Set(type.readOnlyFields)) as GraphJson) : {};
}

/**
 * True when the target subject holds what the write of `source` sends: every member of the write body equal in the
 * target (members Graph adds on its own, such as a template's display name, are ignored; array members are matched
 * without regard to order and must be as many), and, when assignments are promoted, the same translated assignments.
 */
export function holdsWrittenContent(
  type: SubjectType,
  action: PlanItem['action'],
  source: InventorySubject,
  target: InventorySubject,
  translate: ReferenceTranslator,
  includeAssignments: boolean,
): boolean {
  if (!contentMatches(writtenBody(type, action, source, translate, target.graphId), target.payload)) return false;
  if (!includeAssignments) return true;
  const expected = normaliseAssignments(translateAssignments(source.assignments, translate));
  return canonicalJson(expected) === canonicalJson(target.assignments);
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
