import { describe, expect, it } from 'vitest';
import { normaliseSubject } from '../../../../core/inventory/normalise';
import { complianceScript } from '../../../../core/subjects/types/compliance-script';
import { customAttributeScript } from '../../../../core/subjects/types/custom-attribute-script';
import { remediationScript } from '../../../../core/subjects/types/remediation-script';
import type { GraphJson, SubjectType } from '../../../../core/subjects/subject-type';
import {
  SOURCE,
  SOURCE_RECREATED,
  TARGET,
  complianceScript as complianceFixture,
  customAttributeScript as customAttributeFixture,
  remediationScript as remediationFixture,
  sourceToTarget,
  type TenantSide,
} from '../../../support/graph-payloads';

interface Case {
  type: SubjectType;
  collection: string;
  fixture: (side: TenantSide) => GraphJson;
  contents: string[];
  assignKey: string;
}

const CASES: Case[] = [
  { type: remediationScript, collection: '/beta/deviceManagement/deviceHealthScripts', fixture: remediationFixture, contents: ['detectionScriptContent', 'remediationScriptContent'], assignKey: 'deviceHealthScriptAssignments' },
  { type: complianceScript, collection: '/beta/deviceManagement/deviceComplianceScripts', fixture: complianceFixture, contents: ['detectionScriptContent'], assignKey: 'deviceHealthScriptAssignments' },
  { type: customAttributeScript, collection: '/beta/deviceManagement/deviceCustomAttributeShellScripts', fixture: (side) => customAttributeFixture(side), contents: ['scriptContent'], assignKey: 'deviceManagementScriptAssignments' },
];

describe.each(CASES)('$type.label subject type', ({ type, collection, fixture, contents, assignKey }) => {
  it('reads each script member per object, because the list leaves the content out', () => {
    expect(type.collectionPath).toBe(collection);
    expect(type.detailReads.map((r) => r.property)).toEqual(contents);
    for (const read of type.detailReads) expect(read.path('s1')).toBe(`${collection}/s1`);
  });

  it('compares the script content and hashes a re-created script the same', () => {
    const subject = normaliseSubject(type, fixture(SOURCE));
    for (const member of contents) expect(typeof subject.payload[member]).toBe('string');
    expect(subject.payload).not.toHaveProperty('createdDateTime');
    expect(normaliseSubject(type, fixture(SOURCE_RECREATED)).contentHash).toBe(subject.contentHash);
    const edited = { ...fixture(SOURCE), [contents[0]!]: Buffer.from('exit 0').toString('base64') };
    expect(normaliseSubject(type, edited).contentHash).not.toBe(subject.contentHash);
  });

  it('creates with POST, updates with PATCH and assigns with its documented body member, references translated', () => {
    const subject = normaliseSubject(type, fixture(SOURCE));
    expect(type.findSecrets(fixture(SOURCE))).toEqual([]);
    const create = type.createRequests(subject.payload, sourceToTarget)[0]!;
    expect(create).toMatchObject({ method: 'POST', path: collection });
    expect(create.body).not.toHaveProperty('id');
    expect(type.updateRequests(TARGET.policyId, subject.payload, sourceToTarget)[0]).toMatchObject({ method: 'PATCH', path: `${collection}/${TARGET.policyId}` });
    const assign = type.assignRequest(TARGET.policyId, subject.assignments, sourceToTarget)!;
    expect(assign).toMatchObject({ method: 'POST', path: `${collection}/${TARGET.policyId}/assign` });
    expect(Object.keys(assign.body as object)).toEqual([assignKey]);
    for (const a of (assign.body as Record<string, GraphJson[]>)[assignKey]!) {
      expect(a).not.toHaveProperty('id');
      expect((a.target as GraphJson).groupId).toBe(TARGET.groupId);
      expect((a.target as GraphJson).deviceAndAppManagementAssignmentFilterId).toBe(TARGET.filterId);
    }
  });
});

describe('remediation specifics', () => {
  it('keeps each assignment\'s run schedule and remediation switch, and never writes Microsoft\'s read-only script flags', () => {
    const subject = normaliseSubject(remediationScript, remediationFixture(SOURCE));
    const assign = remediationScript.assignRequest(TARGET.policyId, subject.assignments, sourceToTarget)!;
    expect((assign.body as { deviceHealthScriptAssignments: GraphJson[] }).deviceHealthScriptAssignments[0]).toMatchObject({
      runRemediationScript: true,
      runSchedule: { '@odata.type': '#microsoft.graph.deviceHealthScriptDailySchedule', interval: 1, time: '09:00:00.0000000' },
    });
    const body = remediationScript.createRequests(subject.payload, sourceToTarget)[0]!.body as GraphJson;
    expect(body).not.toHaveProperty('isGlobalScript');
    expect(body).not.toHaveProperty('highestAvailableVersion');
    expect(body.roleScopeTagIds).toEqual(['0', TARGET.scopeTagId]);
    expect(remediationScript.extractReferences(remediationFixture(SOURCE))).toEqual(
      expect.arrayContaining([{ kind: 'group', id: SOURCE.groupId }, { kind: 'assignmentFilter', id: SOURCE.filterId }, { kind: 'scopeTag', id: SOURCE.scopeTagId }]),
    );
  });
});

describe('macOS custom attribute specifics', () => {
  it('treats the same attribute reported as another value type as another kind (never updated in place)', () => {
    expect(customAttributeScript.kindKey(customAttributeFixture(SOURCE, 'string'))).not.toBe(customAttributeScript.kindKey(customAttributeFixture(SOURCE, 'dateTime')));
  });
});
