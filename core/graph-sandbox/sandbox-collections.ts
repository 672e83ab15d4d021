import { SUBJECT_TYPES } from '../subjects/registry';
import { REFERENCE_COLLECTIONS } from './graph-shape';
import { collectionKeyOf } from './sandbox-tenant';

/** Collection keys the sandbox serves by default: every registry subject type and every reference kind. */
export function defaultCollectionKeys(): string[] {
  const subjectKeys = Object.values(SUBJECT_TYPES).map((type) => collectionKeyOf(type.collectionPath));
  const referenceKeys = Object.values(REFERENCE_COLLECTIONS).map((ref) => ref.key);
  return [...new Set([...subjectKeys, ...referenceKeys])];
}
