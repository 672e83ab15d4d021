import { findSecretPaths } from '../secrets';
import { stripReadOnly } from '../strip';
import type { GraphJson, GraphRequestSpec, SubjectType } from '../subject-type';

const COLLECTION = '/v1.0/identity/conditionalAccess/namedLocations';
const READ_ONLY_FIELDS: readonly string[] = ['@odata.context', 'id', 'createdDateTime', 'modifiedDateTime'];

const writeBody = (payload: GraphJson): GraphJson => stripReadOnly(payload, new Set(READ_ONLY_FIELDS)) as GraphJson;

/**
 * Entra named locations (v1.0) as governed subjects: IP ranges with their trust, or countries with their lookup method.
 * Graph requires `@odata.type` on create and on PATCH, and an IP location cannot become a country one, so the type is
 * the kind. Nothing is assigned: Conditional Access policies point at locations, not the other way round.
 */
export const namedLocation: SubjectType = {
  key: 'namedLocation',
  label: 'Named location',
  collectionPath: COLLECTION,
  identityField: 'displayName',
  odataTypes: ['#microsoft.graph.ipNamedLocation', '#microsoft.graph.countryNamedLocation'],
  listQuery: '',
  detailReads: [],
  readOnlyFields: READ_ONLY_FIELDS,
  referenceKinds: [],
  kindKey: (raw) => (typeof raw['@odata.type'] === 'string' ? raw['@odata.type'] : 'namedLocation'),
  extractReferences: () => [],
  findSecrets: findSecretPaths,
  createRequests: (payload): GraphRequestSpec[] => [{ method: 'POST', path: COLLECTION, body: writeBody(payload) }],
  updateRequests: (targetId, payload): GraphRequestSpec[] => [
    { method: 'PATCH', path: `${COLLECTION}/${encodeURIComponent(targetId)}`, body: writeBody(payload) },
  ],
  assignRequest: () => undefined,
};
