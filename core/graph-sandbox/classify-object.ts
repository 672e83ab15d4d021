import type { GraphJson, SubjectType } from '../subjects/subject-type';
import { REFERENCE_COLLECTIONS } from './graph-shape';
import { collectionKeyOf } from './sandbox-tenant';

/** How the registry recognises subject types (injected so the classification stays a pure function). */
export interface TypeLookup {
  byOdataType(odataType: string): SubjectType | undefined;
  /** By a folder name: a collection's last segment or a backup tool's name for it. */
  byCollection(segment: string): SubjectType | undefined;
  /** By a versionless collection path such as `deviceManagement/deviceConfigurations`. */
  byCollectionKey(key: string): SubjectType | undefined;
}

/** Case, spaces, dashes and underscores do not matter in folder names. */
const simplify = (text: string) => text.trim().toLowerCase().replace(/[\s_-]+/g, '');
const lastSegment = (key: string) => key.slice(key.lastIndexOf('/') + 1);

function referenceKeyByOdataType(odataType: string): string | undefined {
  const wanted = odataType.trim().replace(/^#?/, '#').toLowerCase();
  return Object.values(REFERENCE_COLLECTIONS).find((ref) => ref.odataTypes.some((t) => t.toLowerCase() === wanted))?.key;
}

function referenceKeyByFolder(folder: string): string | undefined {
  const wanted = simplify(folder);
  return Object.values(REFERENCE_COLLECTIONS).find((ref) => [lastSegment(ref.key), ...ref.folders].some((name) => simplify(name) === wanted))?.key;
}

function keyOfCollectionPath(path: string, types: TypeLookup): string | undefined {
  const type = types.byCollectionKey(path);
  if (type) return collectionKeyOf(type.collectionPath);
  return Object.values(REFERENCE_COLLECTIONS).find((ref) => ref.key.toLowerCase() === path.toLowerCase())?.key;
}

/**
 * The collection an OData URL names: a context (`…/$metadata#deviceManagement/deviceConfigurations/$entity`, with
 * optional key predicates and type casts) or an object id (`…/beta/deviceManagement/deviceConfigurations('x')` or
 * `…/deviceConfigurations/x`). A navigation below an object (`configurationPolicies('x')/settings`) names no collection
 * of its own, so it is not taken for its parent.
 */
export function collectionOfOdataUrl(url: string, types: TypeLookup): string | undefined {
  const hash = url.indexOf('#');
  const text = hash >= 0 ? url.slice(hash + 1) : url.replace(/^[a-z]+:\/\/[^/]+\//i, '').replace(/^(beta|v1\.0)\//i, '');
  const segments = text
    .split('?')[0]!
    .split('/')
    .filter((s) => s !== '' && !s.startsWith('$') && !/^microsoft\.graph\./i.test(s));
  if (segments.length === 0) return undefined;
  const bare = segments.map((s) => s.replace(/\(.*\)$/, ''));
  const whole = keyOfCollectionPath(bare.join('/'), types);
  if (whole) return whole;
  // `collection/{id}`: the last segment is the key, so the collection is what precedes it.
  const keyed = segments.length > 1 && !segments.at(-1)!.includes('(') && !segments.at(-2)!.includes('(');
  return keyed ? keyOfCollectionPath(bare.slice(0, -1).join('/'), types) : undefined;
}

/**
 * The collection key an exported Graph object belongs to, from the first that says: its `@odata.type` (subject or
 * reference type), its `@odata.context` (or, for an item of a collection page, the page's), its `@odata.id`, the
 * nearest of `folders` (outermost first) that names a registry collection, a reference collection or a backup tool's
 * name for one. Undefined when none says.
 */
export function classifyObject(object: GraphJson, folders: readonly string[], types: TypeLookup, pageContext?: string): string | undefined {
  const odataType = typeof object['@odata.type'] === 'string' ? object['@odata.type'] : undefined;
  if (odataType) {
    const type = types.byOdataType(odataType);
    if (type) return collectionKeyOf(type.collectionPath);
    const reference = referenceKeyByOdataType(odataType);
    if (reference) return reference;
  }
  for (const url of [object['@odata.context'], pageContext, object['@odata.id']]) {
    const key = typeof url === 'string' ? collectionOfOdataUrl(url, types) : undefined;
    if (key) return key;
  }
  for (const folder of [...folders].reverse()) {
    const type = types.byCollection(folder);
    if (type) return collectionKeyOf(type.collectionPath);
    const reference = referenceKeyByFolder(folder);
    if (reference) return reference;
  }
  return undefined;
}
