import { describe, expect, it } from 'vitest';
import { normaliseSubject } from '../../../../core/inventory/normalise';
import { shellScript } from '../../../../core/subjects/types/shell-script';
import { SOURCE, SOURCE_RECREATED, TARGET, shellScript as shellFixture, sourceToTarget } from '../../../support/graph-payloads';

const COLLECTION = '/beta/deviceManagement/deviceShellScripts';

describe('macOS shell script subject type', () => {
  it('reads content per script and hashes a re-created script the same', () => {
    expect(shellScript.detailReads.map((r) => r.path('x'))).toEqual([`${COLLECTION}/x`]);
    expect(normaliseSubject(shellScript, shellFixture(SOURCE_RECREATED)).contentHash).toBe(normaliseSubject(shellScript, shellFixture(SOURCE)).contentHash);
  });

  it('assigns All devices with deviceManagementScriptAssignments and needs no mapping for it', () => {
    const subject = normaliseSubject(shellScript, shellFixture(SOURCE));
    expect(subject.references).toEqual([]);
    const assign = shellScript.assignRequest(TARGET.policyId, subject.assignments, () => undefined)!;
    expect(assign.path).toBe(`${COLLECTION}/${TARGET.policyId}/assign`);
    const [only] = (assign.body as { deviceManagementScriptAssignments: { target: Record<string, unknown> }[] }).deviceManagementScriptAssignments;
    expect(only!.target['@odata.type']).toBe('#microsoft.graph.allDevicesAssignmentTarget');
  });

  it('updates with PATCH', () => {
    const payload = normaliseSubject(shellScript, shellFixture(SOURCE)).payload;
    expect(shellScript.updateRequests(TARGET.policyId, payload, sourceToTarget).map((r) => r.method)).toEqual(['PATCH']);
  });
});
