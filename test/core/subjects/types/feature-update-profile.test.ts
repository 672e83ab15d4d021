import { describe, expect, it } from 'vitest';
import { normaliseSubject } from '../../../../core/inventory/normalise';
import { featureUpdateProfile } from '../../../../core/subjects/types/feature-update-profile';
import { SOURCE, SOURCE_RECREATED, TARGET, featureUpdateProfile as fixture, sourceToTarget } from '../../../support/graph-payloads';

const COLLECTION = '/beta/deviceManagement/windowsFeatureUpdateProfiles';

describe('feature update profile subject type', () => {
  it('strips the release display name and end of support Intune derives', () => {
    const subject = normaliseSubject(featureUpdateProfile, fixture(SOURCE));
    expect(subject.payload).not.toHaveProperty('deployableContentDisplayName');
    expect(subject.payload).not.toHaveProperty('endOfSupportDate');
    expect(subject.payload.featureUpdateVersion).toBe('Windows 11, version 24H2');
    expect(normaliseSubject(featureUpdateProfile, fixture(SOURCE_RECREATED)).contentHash).toBe(subject.contentHash);
  });

  it('updates with PATCH and assigns with an assignments list', () => {
    const subject = normaliseSubject(featureUpdateProfile, fixture(SOURCE));
    expect(featureUpdateProfile.updateRequests(TARGET.policyId, subject.payload, sourceToTarget)[0]).toMatchObject({
      method: 'PATCH',
      path: `${COLLECTION}/${TARGET.policyId}`,
    });
    const assign = featureUpdateProfile.assignRequest(TARGET.policyId, subject.assignments, sourceToTarget)!;
    expect(assign.path).toBe(`${COLLECTION}/${TARGET.policyId}/assign`);
    expect(Object.keys(assign.body as object)).toEqual(['assignments']);
  });
});
