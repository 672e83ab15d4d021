import { describe, expect, it } from 'vitest';
import { normaliseSubject } from '../../../../core/inventory/normalise';
import { withPortableHashes } from '../../../../core/inventory/portable-hash';
import { authenticationStrength } from '../../../../core/subjects/types/authentication-strength';
import { autopilotProfile } from '../../../../core/subjects/types/autopilot-profile';
import { scopeTag } from '../../../../core/subjects/types/scope-tag';
import type { GraphJson } from '../../../../core/subjects/subject-type';
import {
  SOURCE,
  TARGET,
  autoAssignedScopeTag,
  autopilotDeploymentProfile,
  builtInMfaStrength,
  customAuthenticationStrength,
  sourceToTarget,
} from '../../../support/graph-payloads';

const AUTOPILOT = '/beta/deviceManagement/windowsAutopilotDeploymentProfiles';
const OTHER_GROUP = '6b2d1e0f-1111-4111-8111-0000000000cc';

describe('Windows Autopilot profile subject type', () => {
  const subject = normaliseSubject(autopilotProfile, autopilotDeploymentProfile(SOURCE));

  it('reads with assignments and writes the profile by POST and PATCH, its group assignments not inline', () => {
    expect(autopilotProfile.listQuery).toBe('$expand=assignments');
    expect(subject.references).toEqual(expect.arrayContaining([{ kind: 'group', id: SOURCE.groupId }, { kind: 'scopeTag', id: SOURCE.scopeTagId }]));
    const [create] = autopilotProfile.createRequests(subject.payload, sourceToTarget);
    expect(create).toMatchObject({ method: 'POST', path: AUTOPILOT, body: { '@odata.type': '#microsoft.graph.azureADWindowsAutopilotDeploymentProfile', deviceNameTemplate: 'CON-%SERIAL%' } });
    expect(create!.body).not.toHaveProperty('assignments');
    expect(autopilotProfile.updateRequests(TARGET.policyId, subject.payload, sourceToTarget)).toEqual([
      expect.objectContaining({ method: 'PATCH', path: `${AUTOPILOT}/${TARGET.policyId}` }),
    ]);
    expect(autopilotProfile.assignRequest(TARGET.policyId, subject.assignments, sourceToTarget)).toBeUndefined();
  });

  it('assigns one group per POST to /assignments, and a replacement also deletes the assignments the source does not have', () => {
    const perRequest = autopilotProfile.assignmentsPerRequest!;
    expect(perRequest.path(TARGET.policyId)).toBe(`${AUTOPILOT}/${TARGET.policyId}/assignments`);
    const onNewProfile = perRequest.requests('{id}', subject.assignments, sourceToTarget, []);
    expect(onNewProfile).toEqual([
      {
        method: 'POST',
        path: `${AUTOPILOT}/{id}/assignments`,
        body: {
          '@odata.type': '#microsoft.graph.windowsAutopilotDeploymentProfileAssignment',
          target: { '@odata.type': '#microsoft.graph.groupAssignmentTarget', deviceAndAppManagementAssignmentFilterId: null, deviceAndAppManagementAssignmentFilterType: 'none', groupId: TARGET.groupId },
        },
      },
    ]);
    // The target has the wanted group already (kept, not re-sent) and another one (removed).
    const current = autopilotDeploymentProfile(TARGET, [TARGET.groupId, OTHER_GROUP]).assignments as GraphJson[];
    expect(perRequest.requests(TARGET.policyId, subject.assignments, sourceToTarget, current)).toEqual([
      { method: 'DELETE', path: `${AUTOPILOT}/${TARGET.policyId}/assignments/${TARGET.policyId}_${OTHER_GROUP}` },
    ]);
    expect(perRequest.requests(TARGET.policyId, subject.assignments, sourceToTarget, current.slice(0, 1))).toEqual([]);
  });

  it('hashes the translated assignments, so the same group by name is the same assignment in both tenants', () => {
    const refs = (side: typeof SOURCE) => [
      { kind: 'group' as const, id: side.groupId, displayName: 'Autopilot devices' },
      { kind: 'scopeTag' as const, id: side.scopeTagId, displayName: 'Berlin' },
    ];
    const source = withPortableHashes(autopilotProfile, subject, refs(SOURCE));
    const target = withPortableHashes(autopilotProfile, normaliseSubject(autopilotProfile, autopilotDeploymentProfile(TARGET)), refs(TARGET));
    expect(target.assignmentsHash).toBe(source.assignmentsHash);
    expect(target.contentHash).toBe(source.contentHash);
  });

  it('an Entra joined and a hybrid joined profile of the same name are different kinds', () => {
    const hybrid = { ...autopilotDeploymentProfile(SOURCE), '@odata.type': '#microsoft.graph.activeDirectoryWindowsAutopilotDeploymentProfile' };
    expect(autopilotProfile.kindKey(hybrid)).not.toBe(autopilotProfile.kindKey(autopilotDeploymentProfile(SOURCE)));
  });
});

describe('scope tag subject type', () => {
  it('is compared by name and description, and auto-assigned to groups with assign and roleScopeTagAutoAssignment', () => {
    const subject = normaliseSubject(scopeTag, autoAssignedScopeTag(SOURCE));
    expect(scopeTag.collectionPath).toBe('/beta/deviceManagement/roleScopeTags');
    expect(subject.payload).toEqual({ '@odata.type': '#microsoft.graph.roleScopeTag', description: 'Devices of the Berlin office', displayName: 'Berlin' });
    expect(subject.references).toEqual([{ kind: 'group', id: SOURCE.groupId }]);
    expect(scopeTag.createRequests(subject.payload, sourceToTarget)).toEqual([{ method: 'POST', path: '/beta/deviceManagement/roleScopeTags', body: subject.payload }]);
    expect(scopeTag.assignRequest(TARGET.scopeTagId, subject.assignments, sourceToTarget)).toEqual({
      method: 'POST',
      path: `/beta/deviceManagement/roleScopeTags/${TARGET.scopeTagId}/assign`,
      body: { assignments: [{ '@odata.type': '#microsoft.graph.roleScopeTagAutoAssignment', target: expect.objectContaining({ groupId: TARGET.groupId }) }] },
    });
  });

  it('translates a group named entraObjectId (scopeTagGroupAssignmentTarget) like a groupId', () => {
    const raw = autoAssignedScopeTag(SOURCE);
    const assignments = [{ target: { '@odata.type': '#microsoft.graph.scopeTagGroupAssignmentTarget', targetType: 'device', entraObjectId: SOURCE.groupId } }];
    expect(scopeTag.extractReferences({ ...raw, assignments })).toEqual([{ kind: 'group', id: SOURCE.groupId }]);
    expect(scopeTag.assignRequest('9', assignments, sourceToTarget)?.body).toEqual({ assignments: [{ target: expect.objectContaining({ entraObjectId: TARGET.groupId }) }] });
  });

  it('never promotes the built-in Default tag (id 0)', () => {
    const builtIn = normaliseSubject(scopeTag, { id: '0', displayName: 'Default', description: 'Built-in scope tag', isBuiltIn: true });
    expect(scopeTag.promotionBlock!(builtIn, [], 'update')).toBe('The built-in Default scope tag exists in every tenant and cannot be changed.');
    expect(scopeTag.promotionBlock!(normaliseSubject(scopeTag, autoAssignedScopeTag(SOURCE)), [], 'create')).toBeUndefined();
  });
});

describe('authentication strength subject type', () => {
  const COLLECTION = '/v1.0/policies/authenticationStrengthPolicies';

  it('creates with the allowed combinations; updates name and description by PATCH and the combinations by updateAllowedCombinations', () => {
    const subject = normaliseSubject(authenticationStrength, customAuthenticationStrength(SOURCE));
    expect(authenticationStrength.createRequests(subject.payload, sourceToTarget)).toEqual([
      {
        method: 'POST',
        path: COLLECTION,
        body: {
          '@odata.type': '#microsoft.graph.authenticationStrengthPolicy',
          displayName: 'Contoso admins',
          description: 'Phishing-resistant methods or a hardware token',
          allowedCombinations: ['windowsHelloForBusiness', 'fido2', 'x509CertificateMultiFactor', 'password, hardwareOath'],
        },
      },
    ]);
    expect(authenticationStrength.updateRequests(TARGET.policyId, subject.payload, sourceToTarget)).toEqual([
      { method: 'PATCH', path: `${COLLECTION}/${TARGET.policyId}`, body: { '@odata.type': '#microsoft.graph.authenticationStrengthPolicy', displayName: 'Contoso admins', description: 'Phishing-resistant methods or a hardware token' } },
      { method: 'POST', path: `${COLLECTION}/${TARGET.policyId}/updateAllowedCombinations`, body: { allowedCombinations: ['windowsHelloForBusiness', 'fido2', 'x509CertificateMultiFactor', 'password, hardwareOath'] }, replaysSafely: true },
    ]);
    expect(authenticationStrength.assignRequest(TARGET.policyId, [], sourceToTarget)).toBeUndefined();
  });

  it('compares the combinations in any order', () => {
    const hash = (combinations?: string[]) => withPortableHashes(authenticationStrength, normaliseSubject(authenticationStrength, customAuthenticationStrength(SOURCE, combinations)), []).contentHash;
    expect(hash(['password, hardwareOath', 'fido2', 'x509CertificateMultiFactor', 'windowsHelloForBusiness'])).toBe(hash());
    expect(hash(['fido2'])).not.toBe(hash());
  });

  it('never promotes a built-in strength, nor one restricting FIDO2 keys or certificates further', () => {
    expect(authenticationStrength.promotionBlock!(normaliseSubject(authenticationStrength, builtInMfaStrength()), [], 'update')).toBe(
      'Built-in authentication strengths exist in every tenant and cannot be changed.',
    );
    const restricted = { ...customAuthenticationStrength(SOURCE), combinationConfigurations: [{ '@odata.type': '#microsoft.graph.fido2CombinationConfiguration', id: 'c1', appliesToCombinations: ['fido2'], allowedAAGUIDs: ['cb69481e-8ff7-4039-93ec-0a2729a154a8'] }] };
    expect(authenticationStrength.promotionBlock!(normaliseSubject(authenticationStrength, restricted), [], 'create')).toMatch(/^It restricts 1 method combination further .* recreate it in the target by hand\.$/);
    expect(authenticationStrength.promotionBlock!(normaliseSubject(authenticationStrength, customAuthenticationStrength(SOURCE)), [], 'create')).toBeUndefined();
  });
});
