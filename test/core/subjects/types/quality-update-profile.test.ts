import { describe, expect, it } from 'vitest';
import { normaliseSubject } from '../../../../core/inventory/normalise';
import { qualityUpdateProfile } from '../../../../core/subjects/types/quality-update-profile';
import { SOURCE, SOURCE_RECREATED, TARGET, qualityUpdateProfile as fixture, sourceToTarget } from '../../../support/graph-payloads';

const COLLECTION = '/beta/deviceManagement/windowsQualityUpdateProfiles';

describe('quality update profile subject type', () => {
  it('compares the expedite settings without derived display names', () => {
    const subject = normaliseSubject(qualityUpdateProfile, fixture(SOURCE));
    expect(subject.payload).not.toHaveProperty('releaseDateDisplayName');
    expect(subject.payload).not.toHaveProperty('deployableContentDisplayName');
    expect(subject.payload.expeditedUpdateSettings).toEqual({ daysUntilForcedReboot: 1, qualityUpdateRelease: '2026-03-10T00:00:00Z' });
    expect(normaliseSubject(qualityUpdateProfile, fixture(SOURCE_RECREATED)).contentHash).toBe(subject.contentHash);
  });

  it('creates with POST and assigns with an assignments list', () => {
    const subject = normaliseSubject(qualityUpdateProfile, fixture(SOURCE));
    expect(qualityUpdateProfile.createRequests(subject.payload, sourceToTarget)[0]).toMatchObject({ method: 'POST', path: COLLECTION });
    const assign = qualityUpdateProfile.assignRequest(TARGET.policyId, subject.assignments, sourceToTarget)!;
    expect(assign).toMatchObject({ method: 'POST', path: `${COLLECTION}/${TARGET.policyId}/assign` });
    expect(Object.keys(assign.body as object)).toEqual(['assignments']);
  });
});
