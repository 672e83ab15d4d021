import { describe, expect, it } from 'vitest';
import { normaliseSubject } from '../../../../core/inventory/normalise';
import { UnmappedReferenceError } from '../../../../core/subjects/translate';
import { settingsCatalog } from '../../../../core/subjects/types/settings-catalog';
import {
  SOURCE,
  SOURCE_RECREATED,
  TARGET,
  settingsCatalogPolicy,
  settingsCatalogSettings,
  sourceToTarget,
} from '../../../support/graph-payloads';

const COLLECTION = '/beta/deviceManagement/configurationPolicies';
const policy = (side = SOURCE, opts: { secret?: boolean } = {}) => ({ ...settingsCatalogPolicy(side), settings: settingsCatalogSettings(opts) });

describe('settings catalog subject type', () => {
  it('reads settings per policy through a detail read, assignments through the list', () => {
    expect(settingsCatalog.listQuery).toBe('$expand=assignments');
    expect(settingsCatalog.detailReads.map((r) => [r.property, r.path('p1')])).toEqual([['settings', `${COLLECTION}/p1/settings`]]);
    expect(settingsCatalog.identityField).toBe('name');
  });

  it('compares a policy without its ids, timestamps, counters and setting ids', () => {
    const subject = normaliseSubject(settingsCatalog, policy());
    expect(subject.displayName).toBe('Win - Defender Antivirus baseline');
    for (const gone of ['id', 'createdDateTime', 'lastModifiedDateTime', 'settingCount', 'isAssigned', 'creationSource', 'assignments', 'assignments@odata.context']) {
      expect(subject.payload).not.toHaveProperty(gone);
    }
    expect((subject.payload.settings as object[]).every((s) => !('id' in s))).toBe(true);
    expect(subject.payload['@odata.type']).toBe('#microsoft.graph.deviceManagementConfigurationPolicy');
  });

  it('gives a re-created copy with new ids and timestamps the same hashes, and a changed setting another', () => {
    const original = normaliseSubject(settingsCatalog, policy());
    const recreated = normaliseSubject(settingsCatalog, policy(SOURCE_RECREATED));
    expect(recreated.contentHash).toBe(original.contentHash);
    expect(recreated.assignmentsHash).toBe(original.assignmentsHash);

    const changed = policy();
    ((changed.settings[1]!.settingInstance as any).simpleSettingValue as any).value = 30;
    expect(normaliseSubject(settingsCatalog, changed).contentHash).not.toBe(original.contentHash);
  });

  it('names the groups, filter and custom scope tag it depends on, not the Default tag', () => {
    expect(settingsCatalog.extractReferences(policy())).toEqual([
      { kind: 'group', id: SOURCE.groupId },
      { kind: 'group', id: SOURCE.excludedGroupId },
      { kind: 'scopeTag', id: SOURCE.scopeTagId },
      { kind: 'assignmentFilter', id: SOURCE.filterId },
    ]);
  });

  it('reports an encrypted secret setting and nothing for a policy without one', () => {
    expect(settingsCatalog.findSecrets(policy())).toEqual([]);
    expect(settingsCatalog.findSecrets(policy(SOURCE, { secret: true }))).toEqual(['settings[2].settingInstance.simpleSettingValue.value']);
  });

  it('tells policies apart by platform, technology and template', () => {
    expect(settingsCatalog.kindKey(policy())).toBe('windows10|mdm');
    const fromTemplate = settingsCatalogPolicy(SOURCE, { templateReference: { templateId: '804339ad-1553-4478-a742-138fb5807418_1', templateFamily: 'endpointSecurityAntivirus' } });
    expect(settingsCatalog.kindKey(fromTemplate)).toBe('windows10|mdm|804339ad-1553-4478-a742-138fb5807418_1');
  });

  it('creates with settings inline and target scope tags', () => {
    const payload = normaliseSubject(settingsCatalog, policy()).payload;
    const [create, ...more] = settingsCatalog.createRequests(payload, sourceToTarget);
    expect(more).toEqual([]);
    expect(create).toMatchObject({ method: 'POST', path: COLLECTION });
    const body = create!.body as Record<string, unknown>;
    expect(body.roleScopeTagIds).toEqual(['0', TARGET.scopeTagId]);
    expect(body.settings).toEqual(payload.settings);
    expect(body).not.toHaveProperty('assignments');
    expect(body).not.toHaveProperty('templateReference');
  });

  it('keeps only the template id of a template-based policy when writing', () => {
    const raw = { ...settingsCatalogPolicy(SOURCE, { templateReference: { templateId: 't_1', templateFamily: 'endpointSecurityAntivirus', templateDisplayName: 'Microsoft Defender Antivirus' } }), settings: [] };
    const [create] = settingsCatalog.createRequests(normaliseSubject(settingsCatalog, raw).payload, sourceToTarget);
    expect((create!.body as Record<string, unknown>).templateReference).toEqual({ templateId: 't_1' });
  });

  it('updates with a full PUT of the policy including its settings', () => {
    const payload = normaliseSubject(settingsCatalog, policy()).payload;
    const requests = settingsCatalog.updateRequests(TARGET.policyId, payload, sourceToTarget);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ method: 'PUT', path: `${COLLECTION}/${TARGET.policyId}` });
    expect(Object.keys(requests[0]!.body as object)).toEqual(expect.arrayContaining(['name', 'platforms', 'technologies', 'settings', 'roleScopeTagIds']));
  });

  it('assigns with target groups and filters and without the source assignment ids', () => {
    const subject = normaliseSubject(settingsCatalog, policy());
    const request = settingsCatalog.assignRequest(TARGET.policyId, subject.assignments, sourceToTarget)!;
    expect(request).toMatchObject({ method: 'POST', path: `${COLLECTION}/${TARGET.policyId}/assign` });
    const assignments = (request.body as { assignments: { target: Record<string, unknown> }[] }).assignments;
    expect(assignments.map((a) => a.target.groupId).sort()).toEqual([TARGET.groupId, TARGET.excludedGroupId].sort());
    expect(assignments.map((a) => a.target.deviceAndAppManagementAssignmentFilterId)).toContain(TARGET.filterId);
    expect(JSON.stringify(request.body)).not.toMatch(/sourceId|"id"|"source"/);
  });

  it('refuses to write a reference the preflight did not resolve', () => {
    const payload = normaliseSubject(settingsCatalog, policy()).payload;
    expect(() => settingsCatalog.createRequests(payload, () => undefined)).toThrow(UnmappedReferenceError);
  });
});
