import { isReferenceId, isUniversalId } from './reference-ids';
import type { ReferenceKind, SubjectReference } from './references';
import type { GraphJson, ReferenceTranslator } from './subject-type';

/**
 * A reference reached a write without a target id. Preflight guarantees every reference of a ready subject
 * resolves, so this is a defect in the caller, not an outcome to show the operator.
 */
export class UnmappedReferenceError extends Error {
  constructor(readonly reference: SubjectReference) {
    super(`No target id for ${reference.kind} ${reference.id}: promotion must only write subjects whose references resolved.`);
    this.name = 'UnmappedReferenceError';
  }
}

/** The target id of a source reference; universal ids pass through; throws UnmappedReferenceError when unmapped. */
export function translateId(translate: ReferenceTranslator, kind: ReferenceKind, id: string): string {
  if (isUniversalId(kind, id)) return id;
  const target = translate({ kind, id });
  if (target === undefined) throw new UnmappedReferenceError({ kind, id });
  return target;
}

/** A list of ids translated member by member; values that are not references (All, empty, zero GUID) are kept. */
export function translateIds(translate: ReferenceTranslator, kind: ReferenceKind, ids: unknown): unknown {
  if (!Array.isArray(ids)) return ids;
  return ids.map((id) => (isReferenceId(id) ? translateId(translate, kind, id) : id));
}

/** The body with `roleScopeTagIds` mapped to the target tenant's scope tags. */
export function translateScopeTags(body: GraphJson, translate: ReferenceTranslator): GraphJson {
  if (!Array.isArray(body.roleScopeTagIds)) return body;
  return { ...body, roleScopeTagIds: translateIds(translate, 'scopeTag', body.roleScopeTagIds) };
}
