import { describe, expect, it } from 'vitest';
import { judgeInSync, type SubjectInTenant } from '../../../core/compare/in-sync';
import { normaliseSubject } from '../../../core/inventory/normalise';
import { withPortableHashes } from '../../../core/inventory/portable-hash';
import { SUBJECT_TYPES } from '../../../core/subjects/registry';
import type { ReferenceObject } from '../../../core/subjects/references';
import type { GraphJson, SubjectType } from '../../../core/subjects/subject-type';
import { SOURCE, TARGET, iosAppProtection, notificationTemplate, type TenantSide } from '../../support/graph-payloads';

const references = (side: TenantSide): ReferenceObject[] => [
  { kind: 'group', id: side.groupId, displayName: 'Mobile users' },
  { kind: 'group', id: side.excludedGroupId, displayName: 'Kiosk devices' },
  { kind: 'assignmentFilter', id: side.filterId, displayName: 'Corporate iPhones' },
  { kind: 'scopeTag', id: side.scopeTagId, displayName: 'Region EU' },
];

function side(type: SubjectType, tenant: TenantSide, raw: GraphJson): SubjectInTenant {
  const referenceObjects = references(tenant);
  return { subject: withPortableHashes(type, normaliseSubject(type, raw), referenceObjects), referenceObjects };
}

const WITH = { includeAssignments: true };

describe('what the compare shows of members written after the first request', () => {
  it('an app protection policy whose target protects other apps differs by those apps, named by bundle id', () => {
    const type = SUBJECT_TYPES.iosAppProtectionPolicy;
    const source = side(type, SOURCE, iosAppProtection(SOURCE, ['com.microsoft.Office.Outlook', 'com.microsoft.skype.teams']));
    expect(judgeInSync(source, side(type, TARGET, iosAppProtection(TARGET, ['com.microsoft.skype.teams', 'com.microsoft.Office.Outlook'])), [], WITH).inSync).toBe(true);
    const verdict = judgeInSync(source, side(type, TARGET, iosAppProtection(TARGET, ['com.microsoft.Office.Outlook'])), [], WITH);
    expect(verdict).toMatchObject({ inSync: false, assignmentsOnly: false });
    expect(verdict.inSync ? [] : verdict.differences).toEqual([{ path: 'com.microsoft.skype.teams', sourceValue: 'com.microsoft.skype.teams', targetValue: undefined }]);
  });

  it('a notification template differs by the message of one locale, shown under that locale', () => {
    const type = SUBJECT_TYPES.notificationMessageTemplate;
    const verdict = judgeInSync(side(type, SOURCE, notificationTemplate(SOURCE)), side(type, TARGET, notificationTemplate(TARGET, 'Device not compliant')), [], WITH);
    expect(verdict.inSync ? [] : verdict.differences).toEqual([
      { path: 'en-us', sourceValue: 'Your device is not compliant', targetValue: 'Device not compliant' },
    ]);
  });
});
