import { describe, expect, it } from 'vitest';
import { normaliseSubject } from '../../../../core/inventory/normalise';
import { withPortableHashes } from '../../../../core/inventory/portable-hash';
import { judgeInSync } from '../../../../core/compare/in-sync';
import { enrollmentConfiguration } from '../../../../core/subjects/types/enrollment-configuration';
import { CREATED_OBJECT_ID, type GraphJson } from '../../../../core/subjects/subject-type';
import {
  SOURCE,
  TARGET,
  defaultDeviceLimit,
  defaultWindowsHello,
  enrollmentStatusPage,
  sourceToTarget,
  windowsPlatformRestriction,
} from '../../../support/graph-payloads';

const COLLECTION = '/beta/deviceManagement/deviceEnrollmentConfigurations';
const SOURCE_TENANT = '11111111-aaaa-4aaa-8aaa-111111111111';
const TARGET_TENANT = '22222222-bbbb-4bbb-8bbb-222222222222';
const normalised = (raw: GraphJson) => normaliseSubject(enrollmentConfiguration, raw);
/** The portable content hash in a tenant whose scope tag `scopeTagId` is named "Berlin". */
const hashed = (raw: GraphJson, scopeTagId = SOURCE.scopeTagId) =>
  withPortableHashes(enrollmentConfiguration, normalised(raw), [{ kind: 'scopeTag', id: scopeTagId, displayName: 'Berlin' }]).contentHash;

describe('enrollment configuration subject type', () => {
  it('governs status pages, platform restrictions, limits and Windows Hello, not the other kinds sharing the collection', () => {
    expect(enrollmentConfiguration.collectionPath).toBe(COLLECTION);
    expect(enrollmentConfiguration.listQuery).toBe('$expand=assignments');
    for (const raw of [enrollmentStatusPage(SOURCE), windowsPlatformRestriction(SOURCE), defaultDeviceLimit(SOURCE_TENANT), defaultWindowsHello(SOURCE_TENANT)]) {
      expect(enrollmentConfiguration.governs!(raw)).toBe(true);
    }
    expect(enrollmentConfiguration.governs!({ '@odata.type': '#microsoft.graph.deviceComanagementAuthorityConfiguration', id: 'x_DefaultCoManagement' })).toBe(false);
    expect(enrollmentConfiguration.governs!({ '@odata.type': '#microsoft.graph.windowsRestoreDeviceEnrollmentConfiguration' })).toBe(false);
  });

  it('creates without a priority, then sets it with setPriority on the new object; assigns with enrollmentConfigurationAssignments', () => {
    const subject = normalised(enrollmentStatusPage(SOURCE));
    const [create, priority, ...rest] = enrollmentConfiguration.createRequests(subject.payload, sourceToTarget);
    expect(rest).toEqual([]);
    expect(create).toMatchObject({ method: 'POST', path: COLLECTION, body: { '@odata.type': '#microsoft.graph.windows10EnrollmentCompletionPageConfiguration', installProgressTimeoutInMinutes: 90, roleScopeTagIds: ['0', TARGET.scopeTagId] } });
    expect(create!.body).not.toHaveProperty('priority');
    expect(create!.body).not.toHaveProperty('id');
    expect(priority).toEqual({ method: 'POST', path: `${COLLECTION}/${CREATED_OBJECT_ID}/setPriority`, body: { priority: 1 }, replaysSafely: true });
    expect(enrollmentConfiguration.assignRequest(TARGET.policyId, subject.assignments, sourceToTarget)).toEqual({
      method: 'POST',
      path: `${COLLECTION}/${TARGET.policyId}/assign`,
      body: { enrollmentConfigurationAssignments: [{ '@odata.type': '#microsoft.graph.enrollmentConfigurationAssignment', target: expect.objectContaining({ groupId: TARGET.groupId }) }] },
    });
  });

  it('updates by PATCH without the priority and then setPriority, so a different priority alone makes it Different', () => {
    const subject = normalised(enrollmentStatusPage(SOURCE));
    const [patch, priority] = enrollmentConfiguration.updateRequests(TARGET.policyId, subject.payload, sourceToTarget);
    expect(patch).toMatchObject({ method: 'PATCH', path: `${COLLECTION}/${TARGET.policyId}` });
    expect(patch!.body).not.toHaveProperty('priority');
    expect(priority).toEqual({ method: 'POST', path: `${COLLECTION}/${TARGET.policyId}/setPriority`, body: { priority: 1 }, replaysSafely: true });
    expect(hashed(enrollmentStatusPage(SOURCE, { priority: 2 }))).not.toBe(hashed(enrollmentStatusPage(SOURCE)));
    expect(hashed(enrollmentStatusPage(TARGET), TARGET.scopeTagId)).toBe(hashed(enrollmentStatusPage(SOURCE)));
  });

  it('names each default by what it is, since Intune calls them all "All users and all devices", and never creates or assigns one', () => {
    const limit = normalised(defaultDeviceLimit(SOURCE_TENANT));
    const hello = normalised(defaultWindowsHello(SOURCE_TENANT));
    expect(limit.displayName).toBe('All users and all devices (default device limit)');
    expect(hello.displayName).toBe('All users and all devices (default Windows Hello for Business)');
    expect(normalised(defaultDeviceLimit(TARGET_TENANT)).displayName).toBe(limit.displayName);
    expect(enrollmentConfiguration.promotionBlock!(limit, [], 'create')).toMatch(/default device limit exists in every tenant and is only ever updated in place/);
    expect(enrollmentConfiguration.promotionBlock!(limit, [], 'update')).toBeUndefined();
    // An update in place: PATCH only (a default's priority is fixed at 0), no assign call.
    const requests = enrollmentConfiguration.updateRequests(`${TARGET_TENANT}_DefaultLimit`, normalised(defaultDeviceLimit(SOURCE_TENANT, 10)).payload, sourceToTarget);
    expect(requests).toEqual([{ method: 'PATCH', path: `${COLLECTION}/${TARGET_TENANT}_DefaultLimit`, body: expect.objectContaining({ limit: 10 }) }]);
    expect(enrollmentConfiguration.assignRequest(`${TARGET_TENANT}_DefaultLimit`, [], sourceToTarget)).toBeUndefined();
  });

  it('blocks a status page that tracks apps by id, and a priority another configuration holds in the target, saying why', () => {
    const tracking = normalised(enrollmentStatusPage(SOURCE, { selectedMobileAppIds: ['0b6a5c1e-1111-4e3a-9a5e-1c2d3e4f5a6b', '7a1b2c3d-2222-4e3a-9a5e-1c2d3e4f5a6b'] }));
    expect(enrollmentConfiguration.promotionBlock!(tracking, [], 'create')).toBe(
      'It tracks 2 apps by id (selectedMobileAppIds), and apps are not matched between tenants: choose the apps to track in the target by hand, or clear the list in the source.',
    );
    const restriction = normalised(windowsPlatformRestriction(SOURCE, 1));
    const holder = normalised({ ...windowsPlatformRestriction(TARGET, 1), displayName: 'Win - Kiosk enrollment' });
    expect(enrollmentConfiguration.promotionBlock!(restriction, [holder], 'create')).toBe(
      'Priority 1 is held in the target by "Win - Kiosk enrollment": setting it would move "Win - Kiosk enrollment" and every platform restriction after it down one. Make the order agree in both tenants, then compare again.',
    );
    // Its own counterpart holding the priority, or a configuration of another platform, is no collision.
    expect(enrollmentConfiguration.promotionBlock!(restriction, [normalised(windowsPlatformRestriction(TARGET, 1))], 'update')).toBeUndefined();
    const ios = normalised({ ...windowsPlatformRestriction(TARGET, 1), displayName: 'iOS - Corporate only', platformType: 'ios' });
    expect(enrollmentConfiguration.promotionBlock!(restriction, [ios], 'create')).toBeUndefined();
  });

  it('is the same kind only within a family and platform (priorities order those against each other)', () => {
    expect(enrollmentConfiguration.kindKey(windowsPlatformRestriction(SOURCE))).toBe('platformRestriction:windows');
    expect(enrollmentConfiguration.kindKey(enrollmentStatusPage(SOURCE))).toBe('enrollmentStatusPage');
    expect(enrollmentConfiguration.kindKey(defaultWindowsHello(SOURCE_TENANT))).toBe('windowsHelloForBusiness');
  });

  it('shows a priority that differs in the compare details, though only setPriority writes it', () => {
    const source = { subject: normalised(enrollmentStatusPage(SOURCE, { priority: 2 })), referenceObjects: [{ kind: 'scopeTag' as const, id: SOURCE.scopeTagId, displayName: 'Berlin' }] };
    const target = { subject: normalised(enrollmentStatusPage(TARGET)), referenceObjects: [{ kind: 'scopeTag' as const, id: TARGET.scopeTagId, displayName: 'Berlin' }] };
    const verdict = judgeInSync(source, target, [], { includeAssignments: false });
    expect(verdict.inSync).toBe(false);
    expect(!verdict.inSync && verdict.differences).toEqual([expect.objectContaining({ path: 'priority', sourceValue: '2', targetValue: '1' })]);
  });
});
