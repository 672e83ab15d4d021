import { describe, expect, it } from 'vitest';
import { canonicalJson, sha256 } from '../../../core/inventory/canonical';
import { normaliseAssignments, normaliseSubject } from '../../../core/inventory/normalise';
import { REDACTED_SECRET } from '../../../core/subjects/secrets';
import { deviceConfiguration } from '../../../core/subjects/types/device-configuration';
import { settingsCatalog } from '../../../core/subjects/types/settings-catalog';
import { SOURCE, customOmaProfile, deviceRestrictions, policyAssignments, settingsCatalogPolicy } from '../../support/graph-payloads';

describe('normalising a Graph object into an inventory subject', () => {
  it('keeps identity, kind and the tenant id apart from the compared payload', () => {
    const subject = normaliseSubject(deviceConfiguration, deviceRestrictions(SOURCE));
    expect(subject).toMatchObject({
      type: 'deviceConfiguration',
      graphId: SOURCE.policyId,
      displayName: 'Win - Device restrictions',
      kindKey: '#microsoft.graph.windows10GeneralConfiguration',
    });
    expect(subject.payload).not.toHaveProperty('assignments');
  });

  it('drops OData annotations but keeps @odata.type, and orders keys', () => {
    const subject = normaliseSubject(settingsCatalog, { ...settingsCatalogPolicy(SOURCE), '@odata.etag': 'W/"1"', settings: [] });
    expect(subject.payload).not.toHaveProperty('@odata.etag');
    expect(subject.payload).not.toHaveProperty('assignments@odata.context');
    const keys = Object.keys(subject.payload);
    expect(keys).toEqual([...keys].sort());
    expect(keys[0]).toBe('@odata.type');
  });

  it('hashes the payload and the assignments separately, so an assignment change leaves the content hash alone', () => {
    const subject = normaliseSubject(deviceConfiguration, deviceRestrictions(SOURCE));
    expect(subject.contentHash).toBe(sha256(canonicalJson(subject.payload)));
    expect(subject.assignmentsHash).toBe(sha256(canonicalJson(subject.assignments)));
    const reassigned = normaliseSubject(deviceConfiguration, { ...deviceRestrictions(SOURCE), assignments: policyAssignments(SOURCE).slice(0, 1) });
    expect(reassigned.contentHash).toBe(subject.contentHash);
    expect(reassigned.assignmentsHash).not.toBe(subject.assignmentsHash);
  });

  it('compares assignments without ids or source and in any order', () => {
    const assignments = policyAssignments(SOURCE);
    const normalised = normaliseAssignments(assignments);
    expect(normaliseAssignments([...assignments].reverse())).toEqual(normalised);
    expect(JSON.stringify(normalised)).not.toMatch(/"id"|"source"|sourceId/);
    expect(normaliseAssignments(undefined)).toEqual([]);
  });

  it('finds secrets on the raw object, before read-only markers such as isEncrypted are stripped', () => {
    const subject = normaliseSubject(deviceConfiguration, customOmaProfile(SOURCE, { encrypted: true }));
    expect(subject.secretPaths).toEqual(['omaSettings[2].value']);
    expect(JSON.stringify(subject.payload)).not.toContain('isEncrypted');
  });

  it('keeps no secret value: the encrypted OMA-URI value is redacted, the other settings stay as read', () => {
    const raw = customOmaProfile(SOURCE, { encrypted: true });
    const subject = normaliseSubject(deviceConfiguration, { ...raw, omaSettings: (raw.omaSettings as Record<string, unknown>[]).map((s, i) => (i === 2 ? { ...s, value: 'MIIBvQYJKoZIhvcNAQcD' } : s)) });
    expect(JSON.stringify(subject)).not.toContain('MIIBvQYJKoZIhvcNAQcD');
    expect((subject.payload.omaSettings as { value: unknown }[]).map((s) => s.value)).toEqual([1, true, REDACTED_SECRET]);
  });
});
