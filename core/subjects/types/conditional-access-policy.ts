import { isReferenceId, referencesOf, uniqueReferences } from '../reference-ids';
import type { ReferenceKind } from '../references';
import { findSecretPaths } from '../secrets';
import { stripReadOnly } from '../strip';
import type { GraphJson, GraphRequestSpec, ReferenceTranslator, SubjectType } from '../subject-type';
import { translateId } from '../translate';

const COLLECTION = '/v1.0/identity/conditionalAccess/policies';
const READ_ONLY_FIELDS: readonly string[] = ['@odata.context', 'id', 'createdDateTime', 'modifiedDateTime', 'deletedDateTime', 'templateId'];

/** Keywords Entra accepts in place of ids; they mean the same in every tenant. */
const BUILT_IN_VALUES: ReadonlySet<string> = new Set(['All', 'AllTrusted', 'None', 'GuestsOrExternalUsers']);

/** Where a policy names tenant objects: `conditions.<section>.<member>` lists. */
const REFERENCE_LISTS: readonly { section: 'users' | 'locations'; member: string; kind: ReferenceKind }[] = [
  { section: 'users', member: 'includeGroups', kind: 'group' },
  { section: 'users', member: 'excludeGroups', kind: 'group' },
  { section: 'locations', member: 'includeLocations', kind: 'namedLocation' },
  { section: 'locations', member: 'excludeLocations', kind: 'namedLocation' },
];

const objectAt = (value: unknown): GraphJson => (typeof value === 'object' && value !== null ? (value as GraphJson) : {});

/**
 * The authentication strength a policy requires, by id. Graph nests it as the whole strength object (read) or `{ id }`
 * (written); the payload keeps only its id, as the strength itself is a governed subject compared on its own.
 */
function strengthIdOf(grantControls: unknown): string | undefined {
  const strength = objectAt(grantControls).authenticationStrength;
  const id = typeof strength === 'string' ? strength : objectAt(strength).id;
  return isReferenceId(id) ? id : undefined;
}

/** The policy with `grantControls.authenticationStrength` reduced to the strength's id. */
function withStrengthId(raw: GraphJson): GraphJson {
  const grantControls = objectAt(raw.grantControls);
  if (grantControls.authenticationStrength === undefined || grantControls.authenticationStrength === null) return raw;
  return { ...raw, grantControls: { ...grantControls, authenticationStrength: strengthIdOf(grantControls) ?? null } };
}

/** The strength as a write names it: `{ id }` with the target's id (built-in strengths keep theirs). */
function translateStrength(body: GraphJson, translate: ReferenceTranslator): GraphJson {
  const id = strengthIdOf(body.grantControls);
  if (id === undefined) return body;
  return { ...body, grantControls: { ...objectAt(body.grantControls), authenticationStrength: { id: translateId(translate, 'authenticationStrength', id) } } };
}
const isObjectId = (value: unknown): value is string => isReferenceId(value) && !BUILT_IN_VALUES.has(value);

function referenceList(raw: GraphJson, section: string, member: string): unknown[] {
  const list = objectAt(objectAt(raw.conditions)[section])[member];
  return Array.isArray(list) ? list : [];
}

/** The payload with group and named-location ids replaced by the target's, built-in keywords untouched. */
function translateConditions(body: GraphJson, translate: ReferenceTranslator): GraphJson {
  const conditions: GraphJson = { ...objectAt(body.conditions) };
  for (const { section, member, kind } of REFERENCE_LISTS) {
    const current = objectAt(conditions[section]);
    if (!Array.isArray(current[member])) continue;
    const mapped = (current[member] as unknown[]).map((id) => (isObjectId(id) ? translateId(translate, kind, id) : id));
    conditions[section] = { ...current, [member]: mapped };
  }
  return body.conditions === undefined ? body : { ...body, conditions };
}

/**
 * Entra Conditional Access policies on v1.0 (generally available, the same shape the Entra portal writes; beta only
 * adds preview conditions a target tenant may not have). There is no assign call: who and where a policy applies
 * lives in `conditions`, so groups and named locations are translated inside the payload on create and PATCH, and so
 * is the authentication strength the grant controls require.
 */
export const conditionalAccessPolicy: SubjectType = {
  key: 'conditionalAccessPolicy',
  label: 'Conditional Access policy',
  collectionPath: COLLECTION,
  identityField: 'displayName',
  odataTypes: ['#microsoft.graph.conditionalAccessPolicy'],
  listQuery: '',
  detailReads: [],
  readOnlyFields: READ_ONLY_FIELDS,
  referenceKinds: ['group', 'namedLocation', 'authenticationStrength'],
  kindKey: () => 'conditionalAccessPolicy',
  normaliseRaw: withStrengthId,
  extractReferences: (raw) =>
    uniqueReferences([
      ...REFERENCE_LISTS.flatMap(({ section, member, kind }) => referencesOf(kind, referenceList(raw, section, member).filter(isObjectId))),
      ...referencesOf('authenticationStrength', strengthIdOf(raw.grantControls) ?? []),
    ]),
  findSecrets: findSecretPaths,
  createRequests: (payload, translate): GraphRequestSpec[] => [{ method: 'POST', path: COLLECTION, body: writeBody(payload, translate) }],
  updateRequests: (targetId, payload, translate): GraphRequestSpec[] => [
    { method: 'PATCH', path: `${COLLECTION}/${encodeURIComponent(targetId)}`, body: writeBody(payload, translate) },
  ],
  assignRequest: () => undefined,
};

function writeBody(payload: GraphJson, translate: ReferenceTranslator): GraphJson {
  return translateStrength(translateConditions(stripReadOnly(withStrengthId(payload), new Set(READ_ONLY_FIELDS)) as GraphJson, translate), translate);
}
