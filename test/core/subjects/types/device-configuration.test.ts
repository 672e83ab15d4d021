import { describe, expect, it } from 'vitest';
import { normaliseSubject } from '../../../../core/inventory/normalise';
import { deviceConfiguration } from '../../../../core/subjects/types/device-configuration';
import {
  SOURCE,
  SOURCE_RECREATED,
  TARGET,
  customOmaProfile,
  deviceRestrictions,
  personalWifiProfile,
  sourceToTarget,
} from '../../../support/graph-payloads';

const COLLECTION = '/beta/deviceManagement/deviceConfigurations';

describe('device configuration subject type', () => {
  it('lists profiles with their assignments and tells derived types apart by @odata.type', () => {
    expect(deviceConfiguration.listQuery).toBe('$expand=assignments');
    expect(deviceConfiguration.kindKey(deviceRestrictions(SOURCE))).toBe('#microsoft.graph.windows10GeneralConfiguration');
  });

  it('strips version, scope-tag support flag and OMA secret references before comparing', () => {
    const restrictions = normaliseSubject(deviceConfiguration, deviceRestrictions(SOURCE)).payload;
    expect(restrictions).not.toHaveProperty('version');
    expect(restrictions).not.toHaveProperty('supportsScopeTags');
    expect(restrictions.passwordMinimumLength).toBe(12);
    const oma = normaliseSubject(deviceConfiguration, customOmaProfile(SOURCE, { encrypted: true })).payload;
    expect(JSON.stringify(oma)).not.toMatch(/secretReferenceValueId|isEncrypted/);
  });

  it('hashes a re-created profile like the original', () => {
    const a = normaliseSubject(deviceConfiguration, deviceRestrictions(SOURCE));
    const b = normaliseSubject(deviceConfiguration, deviceRestrictions(SOURCE_RECREATED));
    expect([b.contentHash, b.assignmentsHash]).toEqual([a.contentHash, a.assignmentsHash]);
    expect(normaliseSubject(deviceConfiguration, { ...deviceRestrictions(SOURCE), cameraBlocked: true }).contentHash).not.toBe(a.contentHash);
  });

  it('names scope tags, groups and filters; an All devices assignment names nothing', () => {
    expect(deviceConfiguration.extractReferences(deviceRestrictions(SOURCE))).toEqual([
      { kind: 'group', id: SOURCE.groupId },
      { kind: 'group', id: SOURCE.excludedGroupId },
      { kind: 'scopeTag', id: SOURCE.scopeTagId },
      { kind: 'assignmentFilter', id: SOURCE.filterId },
    ]);
    expect(deviceConfiguration.extractReferences(customOmaProfile(SOURCE, { encrypted: false }))).toEqual([]);
  });

  it('reads an encrypted OMA-URI value in clear through getOmaSettingPlainTextValue, by the setting\'s secret reference', () => {
    const raw = customOmaProfile(SOURCE, { encrypted: true });
    expect(deviceConfiguration.secretReads!(raw)).toEqual([
      {
        path: 'omaSettings[2].value',
        request: { method: 'GET', path: `${COLLECTION}/${SOURCE.policyId}/getOmaSettingPlainTextValue(secretReferenceValueId='${SOURCE.policyId}_2_secret')` },
      },
    ]);
    expect(deviceConfiguration.secretReads!(customOmaProfile(SOURCE, { encrypted: false }))).toEqual([]);
    expect(deviceConfiguration.secretReads!(deviceRestrictions(SOURCE))).toEqual([]);
    const subject = normaliseSubject(deviceConfiguration, raw, ['omaSettings[2].value']);
    expect(subject.readableSecretPaths).toEqual(['omaSettings[2].value']);
    expect(normaliseSubject(deviceConfiguration, raw)).not.toHaveProperty('readableSecretPaths');
  });

  it('reports encrypted OMA-URI values and write-only Wi-Fi keys as secrets, clear values not', () => {
    expect(deviceConfiguration.findSecrets(customOmaProfile(SOURCE, { encrypted: true }))).toEqual(['omaSettings[2].value']);
    expect(deviceConfiguration.findSecrets(customOmaProfile(SOURCE, { encrypted: false }))).toEqual([]);
    expect(deviceConfiguration.findSecrets(personalWifiProfile(SOURCE))).toEqual(['preSharedKey']);
    expect(deviceConfiguration.findSecrets(deviceRestrictions(SOURCE))).toEqual([]);
  });

  it('creates with POST and updates with PATCH, keeping @odata.type and target scope tags', () => {
    const payload = normaliseSubject(deviceConfiguration, deviceRestrictions(SOURCE)).payload;
    const [create] = deviceConfiguration.createRequests(payload, sourceToTarget);
    const [update] = deviceConfiguration.updateRequests(TARGET.policyId, payload, sourceToTarget);
    expect(create).toMatchObject({ method: 'POST', path: COLLECTION });
    expect(update).toMatchObject({ method: 'PATCH', path: `${COLLECTION}/${TARGET.policyId}` });
    for (const body of [create!.body, update!.body] as Record<string, unknown>[]) {
      expect(body['@odata.type']).toBe('#microsoft.graph.windows10GeneralConfiguration');
      expect(body.roleScopeTagIds).toEqual([TARGET.scopeTagId]);
      expect(body).not.toHaveProperty('id');
    }
  });

  it('assigns through POST /{id}/assign with an assignments list', () => {
    const assignments = normaliseSubject(deviceConfiguration, deviceRestrictions(SOURCE)).assignments;
    const request = deviceConfiguration.assignRequest(TARGET.policyId, assignments, sourceToTarget)!;
    expect(request).toMatchObject({ method: 'POST', path: `${COLLECTION}/${TARGET.policyId}/assign` });
    expect(Object.keys(request.body as object)).toEqual(['assignments']);
  });
});
