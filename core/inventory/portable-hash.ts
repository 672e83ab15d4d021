import { normaliseName } from '../compare/subject-identity';
import type { ReferenceObject, SubjectReference } from '../subjects/references';
import type { GraphJson, ReferenceTranslator, SubjectType } from '../subjects/subject-type';
import { canonicalJson, sha256 } from './canonical';
import type { AppliedMapping } from '../mappings/model';
import type { InventorySubject } from './model';

/** Placeholder id the portable form writes to; never sent anywhere. */
const PORTABLE_TARGET_ID = 'portable';

/**
 * A translator to tenant-independent tokens: a reference becomes its kind and display name, so the same
 * policy pointing at "Pilot users" hashes the same in two tenants where that group has different ids.
 * A reference whose object is unknown keeps its id and so never matches across tenants.
 */
export function portableTranslator(referenceObjects: readonly ReferenceObject[]): ReferenceTranslator {
  const names = new Map(referenceObjects.map((r) => [`${r.kind}:${r.id}`, normaliseName(r.displayName)]));
  return (ref: SubjectReference) => portableToken(ref, names.get(`${ref.kind}:${ref.id}`));
}

function portableToken(ref: SubjectReference, name: string | undefined): string {
  return name === undefined ? `ref:${ref.kind}:id:${ref.id}` : `ref:${ref.kind}:name:${name}`;
}

/**
 * A source-side translator that judges a mapped reference as its mapping's target: source object A mapped to target
 * object B becomes B's portable token (B's name in the target tenant, or B's id when the target does not know it),
 * so a source subject pointing at A hashes like a target subject pointing at B. Unmapped references stay portable.
 */
export function mappedTranslator(
  sourceObjects: readonly ReferenceObject[],
  targetObjects: readonly ReferenceObject[],
  mappings: readonly AppliedMapping[],
): ReferenceTranslator {
  return mappedBy(sharedTranslator(sourceObjects), targetObjects, mappings, portableToken);
}

/**
 * A translator to what an operator reads: a reference becomes its object's display name (its id when the tenant does
 * not know it), and a mapped source reference the display name of its mapping's target.
 */
export function displayTranslator(
  ownObjects: readonly ReferenceObject[],
  targetObjects: readonly ReferenceObject[] = [],
  mappings: readonly AppliedMapping[] = [],
): ReferenceTranslator {
  const names = new Map(ownObjects.map((r) => [`${r.kind}:${r.id}`, r.displayName]));
  const own: ReferenceTranslator = (ref) => names.get(`${ref.kind}:${ref.id}`) ?? ref.id;
  const targetNames = new Map(targetObjects.map((r) => [`${r.kind}:${r.id}`, r.displayName]));
  return mappedBy(own, targetObjects, mappings, (ref) => targetNames.get(`${ref.kind}:${ref.id}`) ?? ref.id);
}

function mappedBy(
  unmapped: ReferenceTranslator,
  targetObjects: readonly ReferenceObject[],
  mappings: readonly AppliedMapping[],
  targetToken: (ref: SubjectReference, name: string | undefined) => string,
): ReferenceTranslator {
  const targetNames = new Map(targetObjects.map((r) => [`${r.kind}:${r.id}`, normaliseName(r.displayName)]));
  const mapped = new Map<string, string>();
  for (const m of mappings) {
    const key = `${m.kind}:${m.sourceId}`;
    // The first mapping listed for a kind + source id wins, as in preflight's reference resolution.
    if (!mapped.has(key)) mapped.set(key, targetToken({ kind: m.kind, id: m.targetId }, targetNames.get(`${m.kind}:${m.targetId}`)));
  }
  return (ref: SubjectReference) => mapped.get(`${ref.kind}:${ref.id}`) ?? unmapped(ref);
}

/** Lists whose order Graph does not define: ids of scope tags, groups, locations, users; IP ranges, countries. Compared as sets. */
const SET_VALUED_KEYS: ReadonlySet<string> = new Set([
  'roleScopeTagIds',
  'roleScopeTags',
  'includeGroups',
  'excludeGroups',
  'includeLocations',
  'excludeLocations',
  'includeUsers',
  'excludeUsers',
  'notificationMessageCCList',
  'ipRanges',
  'countriesAndRegions',
  'allowedCombinations',
  'selectedMobileAppIds',
]);

const byCanonicalJson = (a: unknown, b: unknown) => {
  const x = canonicalJson(a);
  const y = canonicalJson(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

/**
 * The value with order-free lists in a canonical order, so hashes do not depend on the order Graph returns them in:
 * settings (and their children) by definition id, assignments (objects with a `target`) and set-valued id lists by
 * content. Other lists keep their order, which may be meaningful.
 */
export function canonicalOrder(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) {
    const items = value.map((item) => canonicalOrder(item));
    const keys = items.map((item) => definitionIdOf(item));
    if (items.length > 0 && keys.every((k) => k !== undefined) && new Set(keys).size === keys.length) {
      return items.map((item, i) => ({ item, key: keys[i]! })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((x) => x.item);
    }
    const isAssignments = items.length > 0 && items.every((item) => typeof item === 'object' && item !== null && 'target' in item);
    return isAssignments || (key !== undefined && SET_VALUED_KEYS.has(key)) ? [...items].sort(byCanonicalJson) : items;
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, canonicalOrder(v, k)]));
  }
  return value;
}

function definitionIdOf(item: unknown): string | undefined {
  if (!item || typeof item !== 'object') return undefined;
  const record = item as Record<string, unknown>;
  const instance = record.settingInstance as Record<string, unknown> | undefined;
  const id = instance?.settingDefinitionId ?? record.settingDefinitionId;
  return typeof id === 'string' ? id : undefined;
}

/** One translator per reference list: a tenant's thousands of subjects share it instead of each indexing every group. */
const translators = new WeakMap<readonly ReferenceObject[], ReferenceTranslator>();

function sharedTranslator(referenceObjects: readonly ReferenceObject[]): ReferenceTranslator {
  let translate = translators.get(referenceObjects);
  if (!translate) translators.set(referenceObjects, (translate = portableTranslator(referenceObjects)));
  return translate;
}

/**
 * The subject with hashes that mean the same in every tenant: computed over exactly what a write would send,
 * with references replaced by kind + display name. Types that cannot be written keep hashes of their payload.
 * The reference list is treated as immutable: the index built over it is reused for every subject of the tenant.
 */
export function withPortableHashes(type: SubjectType, subject: InventorySubject, referenceObjects: readonly ReferenceObject[]): InventorySubject {
  return { ...subject, ...portableHashesWith(type, subject, sharedTranslator(referenceObjects)) };
}

/**
 * The content and assignments hashes of `subject` with its references written as `translate` says. With the
 * portable translator of the subject's own tenant these are its portable hashes; with a translator that first maps a
 * source reference to its target object and then to that object's portable token, they are the hashes the subject
 * would have once written to the target, so "in sync" can be judged with managed mappings applied.
 */
export function portableHashesWith(type: SubjectType, subject: Pick<InventorySubject, 'payload' | 'assignments'>, translate: ReferenceTranslator): Pick<InventorySubject, 'contentHash' | 'assignmentsHash'> {
  const hash = (value: unknown) => sha256(canonicalJson(canonicalOrder(value)));
  if (type.notPromotableReason) return { contentHash: hash(subject.payload), assignmentsHash: hash(subject.assignments) };
  const contentHash = hash(type.updateRequests(PORTABLE_TARGET_ID, subject.payload as GraphJson, translate).map((r) => r.body ?? null));
  const assign = type.assignRequest(PORTABLE_TARGET_ID, subject.assignments, translate);
  // Types assigned one request per assignment hash the assignments as those requests write them.
  const assigned = assign?.body ?? type.assignmentsPerRequest?.written(subject.assignments, translate) ?? subject.assignments;
  return { contentHash, assignmentsHash: hash(assigned) };
}

/** The subject with its hashes computed over what a write would send with `translate` (see {@link portableHashesWith}). */
export function withTranslatedHashes(type: SubjectType, subject: InventorySubject, translate: ReferenceTranslator): InventorySubject {
  return { ...subject, ...portableHashesWith(type, subject, translate) };
}
