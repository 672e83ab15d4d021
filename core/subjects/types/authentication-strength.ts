import { findSecretPaths } from '../secrets';
import { stripReadOnly, withoutMembers } from '../strip';
import type { GraphJson, GraphRequestSpec, SubjectType } from '../subject-type';

const COLLECTION = '/v1.0/policies/authenticationStrengthPolicies';
const READ_ONLY_FIELDS: readonly string[] = ['@odata.context', 'id', 'createdDateTime', 'modifiedDateTime'];
/** Compared, never written: Entra sets the type and what the combinations satisfy; the combination configurations are blocked below. */
const NOT_WRITTEN = ['policyType', 'requirementsSatisfied', 'combinationConfigurations'];

const objectPath = (id: string) => `${COLLECTION}/${encodeURIComponent(id)}`;
const writable = (payload: GraphJson): GraphJson => withoutMembers(stripReadOnly(payload, new Set(READ_ONLY_FIELDS)) as GraphJson, NOT_WRITTEN);

function promotionBlock({ payload }: { payload: GraphJson }): string | undefined {
  if (payload.policyType === 'builtIn') return 'Built-in authentication strengths exist in every tenant and cannot be changed.';
  const configurations = Array.isArray(payload.combinationConfigurations) ? payload.combinationConfigurations.length : 0;
  return configurations > 0
    ? `It restricts ${configurations} method combination${configurations === 1 ? '' : 's'} further (FIDO2 key models or certificate issuers in combinationConfigurations), which are not written: recreate it in the target by hand.`
    : undefined;
}

/**
 * Entra authentication strengths (v1.0 `/policies/authenticationStrengthPolicies`), which Conditional Access policies
 * require by id. Created with name, description and allowed combinations; PATCH changes only name and description, so
 * the combinations are updated through `updateAllowedCombinations`. Built-in strengths are compared (they are the same
 * everywhere) but never promoted. Nothing is assigned: policies point at strengths.
 */
export const authenticationStrength: SubjectType = {
  key: 'authenticationStrength',
  label: 'Authentication strength',
  collectionPath: COLLECTION,
  identityField: 'displayName',
  odataTypes: ['#microsoft.graph.authenticationStrengthPolicy'],
  listQuery: '',
  detailReads: [],
  readOnlyFields: READ_ONLY_FIELDS,
  referenceKinds: [],
  kindKey: () => 'authenticationStrengthPolicy',
  extractReferences: () => [],
  findSecrets: findSecretPaths,
  promotionBlock,
  // The combinations are written by updateAllowedCombinations on update: the compare's details show them too.
  followUpContent: (payload) => ({ allowedCombinations: writable(payload).allowedCombinations ?? [] }),
  createRequests: (payload): GraphRequestSpec[] => [{ method: 'POST', path: COLLECTION, body: writable(payload) }],
  updateRequests: (targetId, payload): GraphRequestSpec[] => {
    const { allowedCombinations, ...properties } = writable(payload);
    return [
      { method: 'PATCH', path: objectPath(targetId), body: properties },
      { method: 'POST', path: `${objectPath(targetId)}/updateAllowedCombinations`, body: { allowedCombinations: allowedCombinations ?? [] }, replaysSafely: true },
    ];
  },
  assignRequest: () => undefined,
};
