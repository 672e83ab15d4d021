import type { GraphJson, SubjectType } from '../subjects/subject-type';
import { REFERENCE_COLLECTIONS } from './graph-shape';
import { collectionKeyOf } from './sandbox-tenant';

/** How the registry recognises subject types (injected so the classification stays a pure function). */
export interface TypeLookup {
  byOdataType(odataType: string): SubjectType | undefined;
  byCollection(segment: string): SubjectType | undefined;
}

const lastSegment = (key: string) => key.slice(key.lastIndexOf('/') + 1);

function referenceKeyByOdataType(odataType: string): string | undefined {
  return Object.values(REFERENCE_COLLECTIONS).find((ref) => ref.odataTypes.includes(odataType))?.key;
}

function referenceKeyByFolder(folder: string): string | undefined {
  return Object.values(REFERENCE_COLLECTIONS).find((ref) => lastSegment(ref.key).toLowerCase() === folder.toLowerCase())?.key;
}

/**
 * The collection key an exported Graph object belongs to: from its `@odata.type` (subject or reference type),
 * else from the nearest of `folders` (outermost first) that names a registry collection or a reference
 * collection; undefined when neither says.
 */
export function classifyObject(object: GraphJson, folders: readonly string[], types: TypeLookup): string | undefined {
  const odataType = typeof object['@odata.type'] === 'string' ? object['@odata.type'] : undefined;
  if (odataType) {
    const type = types.byOdataType(odataType);
    if (type) return collectionKeyOf(type.collectionPath);
    const reference = referenceKeyByOdataType(odataType);
    if (reference) return reference;
  }
  for (const folder of [...folders].reverse()) {
    const type = types.byCollection(folder);
    if (type) return collectionKeyOf(type.collectionPath);
    const reference = referenceKeyByFolder(folder);
    if (reference) return reference;
  }
  return undefined;
}
