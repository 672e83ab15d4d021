import { describe, expect, it } from 'vitest';
import { normaliseSubject } from '../../../../core/inventory/normalise';
import { driverUpdateProfile } from '../../../../core/subjects/types/driver-update-profile';
import type { GraphJson } from '../../../../core/subjects/subject-type';
import { SOURCE, SOURCE_RECREATED, TARGET, driverUpdateProfile as fixture, sourceToTarget } from '../../../support/graph-payloads';

const COLLECTION = '/beta/deviceManagement/windowsDriverUpdateProfiles';

describe('driver update profile subject type', () => {
  it('compares approval and deferral, not the device and update counts Intune reports', () => {
    const subject = normaliseSubject(driverUpdateProfile, fixture(SOURCE));
    expect(subject.payload).toMatchObject({ approvalType: 'automatic', deploymentDeferralInDays: 7 });
    for (const reported of ['deviceReporting', 'newUpdates', 'inventorySyncStatus']) expect(subject.payload).not.toHaveProperty(reported);
    expect(normaliseSubject(driverUpdateProfile, fixture(SOURCE_RECREATED, { deviceReporting: 3, newUpdates: 0 })).contentHash).toBe(subject.contentHash);
    expect(normaliseSubject(driverUpdateProfile, { ...fixture(SOURCE), deploymentDeferralInDays: 14 }).contentHash).not.toBe(subject.contentHash);
  });

  it('creates with POST, updates with PATCH and assigns with an assignments list', () => {
    const subject = normaliseSubject(driverUpdateProfile, fixture(SOURCE));
    expect(driverUpdateProfile.createRequests(subject.payload, sourceToTarget)[0]).toMatchObject({ method: 'POST', path: COLLECTION });
    expect(driverUpdateProfile.updateRequests(TARGET.policyId, subject.payload, sourceToTarget)[0]).toMatchObject({ method: 'PATCH', path: `${COLLECTION}/${TARGET.policyId}` });
    const assign = driverUpdateProfile.assignRequest(TARGET.policyId, subject.assignments, sourceToTarget)!;
    expect(assign.path).toBe(`${COLLECTION}/${TARGET.policyId}/assign`);
    const [first] = (assign.body as { assignments: GraphJson[] }).assignments;
    expect((first!.target as GraphJson).groupId).toBe(TARGET.groupId);
  });
});
