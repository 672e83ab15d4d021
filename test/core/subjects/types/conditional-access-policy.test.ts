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
    expect(conditionalAccessPolicy.referenceKinds).toEqual(['group', 'namedLocation']);
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
});
