import { describe, expect, it } from 'vitest';
import { normaliseSubject } from '../../../../core/inventory/normalise';
import { powershellScript } from '../../../../core/subjects/types/powershell-script';
import { SOURCE, SOURCE_RECREATED, TARGET, powershellScript as scriptFixture, sourceToTarget } from '../../../support/graph-payloads';

const COLLECTION = '/beta/deviceManagement/deviceManagementScripts';
const withContent = (side = SOURCE) => {
  const { listed, detail } = scriptFixture(side);
  return { ...listed, scriptContent: detail.scriptContent };
};

describe('PowerShell script subject type', () => {
  it('reads the script content per script, because the list leaves it out', () => {
    const [read] = powershellScript.detailReads;
    expect(read?.property).toBe('scriptContent');
    expect(read?.path('s1')).toBe(`${COLLECTION}/s1`);
  });

  it('compares the base64 content and hashes a re-created script the same', () => {
    const a = normaliseSubject(powershellScript, withContent());
    expect(Buffer.from(String(a.payload.scriptContent), 'base64').toString()).toContain('Set-TimeZone');
    expect(normaliseSubject(powershellScript, withContent(SOURCE_RECREATED)).contentHash).toBe(a.contentHash);
    expect(normaliseSubject(powershellScript, { ...withContent(), scriptContent: 'V3JpdGUtSG9zdCBoaQ==' }).contentHash).not.toBe(a.contentHash);
  });

  it('names the assigned group and holds no secrets', () => {
    expect(powershellScript.extractReferences(withContent())).toEqual([{ kind: 'group', id: SOURCE.groupId }]);
    expect(powershellScript.findSecrets(withContent())).toEqual([]);
  });

  it('creates with POST, updates with PATCH and assigns with deviceManagementScriptAssignments', () => {
    const subject = normaliseSubject(powershellScript, withContent());
    expect(powershellScript.createRequests(subject.payload, sourceToTarget)[0]).toMatchObject({ method: 'POST', path: COLLECTION });
    expect(powershellScript.updateRequests(TARGET.policyId, subject.payload, sourceToTarget)[0]).toMatchObject({
      method: 'PATCH',
      path: `${COLLECTION}/${TARGET.policyId}`,
    });
    const assign = powershellScript.assignRequest(TARGET.policyId, subject.assignments, sourceToTarget)!;
    expect(assign).toMatchObject({ method: 'POST', path: `${COLLECTION}/${TARGET.policyId}/assign` });
    const body = assign.body as { deviceManagementScriptAssignments: { target: { groupId: string } }[] };
    expect(Object.keys(body)).toEqual(['deviceManagementScriptAssignments']);
    expect(body.deviceManagementScriptAssignments[0]!.target.groupId).toBe(TARGET.groupId);
  });
});
