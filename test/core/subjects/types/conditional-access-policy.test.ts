import { describe, expect, it } from 'vitest';
import { normaliseSubject } from '../../../../core/inventory/normalise';
import type { GraphJson } from '../../../../core/subjects/subject-type';
import { UnmappedReferenceError } from '../../../../core/subjects/translate';
import { conditionalAccessPolicy } from '../../../../core/subjects/types/conditional-access-policy';
import { SOURCE, SOURCE_RECREATED, TARGET, conditionalAccessPolicy as fixture, sourceToTarget } from '../../../support/graph-payloads';

const COLLECTION = '/v1.0/identity/conditionalAccess/policies';
const conditionsOf = (body: unknown) => (body as GraphJson).conditions as { users: GraphJson; locations: GraphJson };

describe('Conditional Access policy subject type', () => {
  it('is read from v1.0 and compared without ids and timestamps', () => {
    expect(conditionalAccessPolicy.collectionPath).toBe(COLLECTION);
    const subject = normaliseSubject(conditionalAccessPolicy, fixture(SOURCE));
    for (const gone of ['id', 'createdDateTime', 'modifiedDateTime', 'templateId']) expect(subject.payload).not.toHaveProperty(gone);
    expect(normaliseSubject(conditionalAccessPolicy, fixture(SOURCE_RECREATED)).contentHash).toBe(subject.contentHash);
  });

  it('names groups and named locations, not the built-in All / AllTrusted / GuestsOrExternalUsers values', () => {
    expect(conditionalAccessPolicy.extractReferences(fixture(SOURCE))).toEqual([
      { kind: 'group', id: SOURCE.groupId },
      { kind: 'group', id: SOURCE.excludedGroupId },
      { kind: 'namedLocation', id: SOURCE.locationId },
    ]);
    expect(conditionalAccessPolicy.referenceKinds).toEqual(['group', 'namedLocation', 'authenticationStrength']);
  });

  it('translates groups and locations inside the payload on create and PATCH, keeping built-in values', () => {
    const payload = normaliseSubject(conditionalAccessPolicy, fixture(SOURCE)).payload;
    const [create] = conditionalAccessPolicy.createRequests(payload, sourceToTarget);
    const [update] = conditionalAccessPolicy.updateRequests(TARGET.policyId, payload, sourceToTarget);
    expect(create).toMatchObject({ method: 'POST', path: COLLECTION });
    expect(update).toMatchObject({ method: 'PATCH', path: `${COLLECTION}/${TARGET.policyId}` });
    for (const request of [create!, update!]) {
      const { users, locations } = conditionsOf(request.body);
      expect(users.includeGroups).toEqual([TARGET.groupId]);
      expect(users.excludeGroups).toEqual([TARGET.excludedGroupId]);
      expect(users.includeUsers).toEqual(['All']);
      expect(users.excludeUsers).toEqual(['GuestsOrExternalUsers']);
      expect(locations.includeLocations).toEqual(['All']);
      expect(locations.excludeLocations).toEqual(['AllTrusted', TARGET.locationId]);
    }
    expect(conditionsOf(payload).users.includeGroups).toEqual([SOURCE.groupId]);
  });

  it('has no assign call and refuses an unresolved location', () => {
    expect(conditionalAccessPolicy.assignRequest(TARGET.policyId, [], sourceToTarget)).toBeUndefined();
    const payload = normaliseSubject(conditionalAccessPolicy, fixture(SOURCE)).payload;
    const groupsOnly = (ref: { kind: string; id: string }) => (ref.kind === 'group' ? sourceToTarget(ref as never) : undefined);
    expect(() => conditionalAccessPolicy.createRequests(payload, groupsOnly)).toThrow(UnmappedReferenceError);
  });

  /** The policy requiring an authentication strength, nested as Graph returns it (the whole strength object). */
  const requiring = (side: typeof SOURCE, strengthId = side.authenticationStrengthId): GraphJson => ({
    ...fixture(side),
    grantControls: {
      operator: 'OR',
      builtInControls: [],
      customAuthenticationFactors: [],
      termsOfUse: [],
      'authenticationStrength@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#identity/conditionalAccess/policies(...)/grantControls/authenticationStrength/$entity',
      authenticationStrength: {
        id: strengthId,
        createdDateTime: side.created,
        modifiedDateTime: side.modified,
        displayName: 'Contoso admins',
        description: 'Phishing-resistant methods',
        policyType: 'custom',
        requirementsSatisfied: 'mfa',
        allowedCombinations: ['windowsHelloForBusiness', 'fido2', 'x509CertificateMultiFactor'],
      },
    },
  });

  it('requires an authentication strength by id: named as a reference, written as { id } with the target\'s id', () => {
    expect(conditionalAccessPolicy.extractReferences(conditionalAccessPolicy.normaliseRaw!(requiring(SOURCE)))).toContainEqual({ kind: 'authenticationStrength', id: SOURCE.authenticationStrengthId });
    const subject = normaliseSubject(conditionalAccessPolicy, requiring(SOURCE));
    expect(subject.references).toContainEqual({ kind: 'authenticationStrength', id: SOURCE.authenticationStrengthId });
    expect((subject.payload.grantControls as GraphJson).authenticationStrength).toBe(SOURCE.authenticationStrengthId);
    const [create] = conditionalAccessPolicy.createRequests(subject.payload, sourceToTarget);
    expect((create!.body as GraphJson).grantControls).toEqual({
      operator: 'OR',
      builtInControls: [],
      customAuthenticationFactors: [],
      termsOfUse: [],
      authenticationStrength: { id: TARGET.authenticationStrengthId },
    });
    // What the target returns after the write (`{ id }`, or the whole strength again) normalises the same way.
    expect(normaliseSubject(conditionalAccessPolicy, { ...fixture(TARGET), grantControls: (create!.body as GraphJson).grantControls }).payload.grantControls).toEqual(
      normaliseSubject(conditionalAccessPolicy, requiring(TARGET)).payload.grantControls,
    );
  });

  it('a built-in strength (the same id in every tenant) is no reference and is written as it is', () => {
    const phishingResistant = '00000000-0000-0000-0000-000000000004';
    const subject = normaliseSubject(conditionalAccessPolicy, requiring(SOURCE, phishingResistant));
    expect(subject.references.filter((r) => r.kind === 'authenticationStrength')).toEqual([]);
    // Groups and locations are translated; the strength needs no translation at all.
    const groupsAndLocations = (ref: { kind: string; id: string }) => (ref.kind === 'authenticationStrength' ? undefined : sourceToTarget(ref as never));
    const [update] = conditionalAccessPolicy.updateRequests(TARGET.policyId, subject.payload, groupsAndLocations);
    expect(((update!.body as GraphJson).grantControls as GraphJson).authenticationStrength).toEqual({ id: phishingResistant });
  });
});
