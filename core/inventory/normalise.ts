import { ASSIGNMENT_READ_ONLY_FIELDS } from '../subjects/assignment-references';
import { redactSecretValues } from '../subjects/secrets';
import { stripReadOnly, withoutMembers } from '../subjects/strip';
import type { GraphJson, SubjectType } from '../subjects/subject-type';
import { canonicalJson, sha256, withSortedKeys } from './canonical';
import type { InventorySubject } from './model';

const ASSIGNMENT_FIELDS: ReadonlySet<string> = new Set(ASSIGNMENT_READ_ONLY_FIELDS);

/** Assignments as compared: tenant-owned members (id, source, sourceId) and annotations removed, keys ordered, sorted. */
export function normaliseAssignments(assignments: unknown): GraphJson[] {
  if (!Array.isArray(assignments)) return [];
  return assignments
    .filter((a): a is GraphJson => typeof a === 'object' && a !== null)
    .map((a) => withSortedKeys(stripReadOnly(a, ASSIGNMENT_FIELDS) as GraphJson))
    .map((a) => ({ a, text: canonicalJson(a) }))
    .sort((x, y) => (x.text < y.text ? -1 : x.text > y.text ? 1 : 0))
    .map(({ a }) => a);
}

/**
 * One Graph object (list item with its detail reads merged) as an inventory subject: read-only members stripped at
 * every depth, annotations dropped (`@odata.type` kept), keys ordered, and hashes that ignore ids and timestamps,
 * so the same policy in two tenants hashes the same. References and secrets are found on the raw object;
 * `readable` names the secret paths whose plain value Graph was found to return (see InventorySubject).
 */
export function normaliseSubject(type: SubjectType, read: GraphJson, readable: readonly string[] = []): InventorySubject {
  const raw = type.normaliseRaw ? type.normaliseRaw(read) : read;
  const secretPaths = type.findSecrets(raw);
  const readableSecretPaths = secretPaths.filter((path) => readable.includes(path));
  const stripped = withSortedKeys(stripReadOnly(withoutMembers(raw, ['assignments']), new Set(type.readOnlyFields)) as GraphJson);
  // Secret values are never kept: the subject is blocked from promotion anyway, and snapshots and cards must not hold them.
  const payload = redactSecretValues(stripped, secretPaths);
  const assignments = normaliseAssignments(raw.assignments);
  return {
    type: type.key,
    graphId: String(raw.id),
    displayName: type.identityOf ? type.identityOf(raw) : String(raw[type.identityField] ?? ''),
    kindKey: type.kindKey(raw),
    payload,
    assignments,
    references: type.extractReferences(raw),
    secretPaths,
    ...(readableSecretPaths.length > 0 ? { readableSecretPaths } : {}),
    ...(type.providedByMicrosoft?.(raw) ? { providedByMicrosoft: true as const } : {}),
    contentHash: sha256(canonicalJson(payload)),
    assignmentsHash: sha256(canonicalJson(assignments)),
  };
}
