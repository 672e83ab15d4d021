import { describe, expect, it } from 'vitest';
import { normaliseSubject } from '../../../../core/inventory/normalise';
import { withPortableHashes } from '../../../../core/inventory/portable-hash';
import { androidAppProtectionPolicy } from '../../../../core/subjects/types/android-app-protection';
import { iosAppProtectionPolicy } from '../../../../core/subjects/types/ios-app-protection';
import { managedAppConfiguration } from '../../../../core/subjects/types/managed-app-configuration';
import { windowsAppProtectionPolicy } from '../../../../core/subjects/types/windows-app-protection';
import { CREATED_OBJECT_ID, type GraphJson, type SubjectType } from '../../../../core/subjects/subject-type';
import {
  SOURCE,
  SOURCE_RECREATED,
  TARGET,
  androidAppProtection,
  iosAppProtection,
  managedAppConfig,
  sourceToTarget,
  windowsAppProtection,
  type TenantSide,
} from '../../../support/graph-payloads';

interface Case {
  type: SubjectType;
  collection: string;
  fixture: (side: TenantSide) => GraphJson;
  /** The app identifiers the fixture targets, as `targetApps` must send them. */
  identifiers: string[];
  appGroupType?: string;
}

const CASES: Case[] = [
  { type: iosAppProtectionPolicy, collection: '/beta/deviceAppManagement/iosManagedAppProtections', fixture: (s) => iosAppProtection(s), identifiers: ['com.microsoft.Office.Outlook', 'com.microsoft.skype.teams'], appGroupType: 'selectedPublicApps' },
  { type: androidAppProtectionPolicy, collection: '/beta/deviceAppManagement/androidManagedAppProtections', fixture: androidAppProtection, identifiers: ['com.microsoft.office.outlook', 'com.microsoft.teams'], appGroupType: 'selectedPublicApps' },
  { type: windowsAppProtectionPolicy, collection: '/beta/deviceAppManagement/windowsManagedAppProtections', fixture: windowsAppProtection, identifiers: ['com.microsoft.edge'] },
  { type: managedAppConfiguration, collection: '/beta/deviceAppManagement/targetedManagedAppConfigurations', fixture: managedAppConfig, identifiers: ['com.microsoft.Office.Outlook', 'com.microsoft.office.outlook'], appGroupType: 'selectedPublicApps' },
];

const identifierOf = (app: GraphJson) => {
  const id = app.mobileAppIdentifier as GraphJson;
  return String(id.bundleId ?? id.packageId ?? id.windowsAppId);
};

describe.each(CASES)('$type.label subject type', ({ type, collection, fixture, identifiers, appGroupType }) => {
  it('reads the policy with its apps and assignments in one list, and compares the apps without Intune\'s counts', () => {
    expect(type.collectionPath).toBe(collection);
    expect(type.listQuery).toBe('$expand=apps,assignments');
    const subject = normaliseSubject(type, fixture(SOURCE));
    for (const reported of ['deployedAppCount', 'isAssigned', 'version', 'createdDateTime', 'lastModifiedDateTime']) expect(subject.payload).not.toHaveProperty(reported);
    expect((subject.payload.apps as GraphJson[]).map(identifierOf).sort()).toEqual(identifiers);
    expect(type.findSecrets(fixture(SOURCE))).toEqual([]);
    const portable = (raw: GraphJson) => withPortableHashes(type, normaliseSubject(type, raw), []).contentHash;
    expect(portable(fixture(SOURCE_RECREATED))).toBe(portable(fixture(SOURCE)));
    const reversed = { ...fixture(SOURCE), apps: [...(fixture(SOURCE).apps as GraphJson[])].reverse() };
    expect(portable(reversed)).toBe(portable(fixture(SOURCE)));
    const fewerApps = { ...fixture(SOURCE), apps: (fixture(SOURCE).apps as GraphJson[]).slice(0, 1) };
    if (identifiers.length > 1) expect(portable(fewerApps)).not.toBe(portable(fixture(SOURCE)));
  });

  it('creates the policy, then targets its apps on the new object; updates with PATCH, then targetApps', () => {
    const subject = normaliseSubject(type, fixture(SOURCE));
    const [create, target, ...rest] = type.createRequests(subject.payload, sourceToTarget);
    expect(rest).toEqual([]);
    expect(create).toMatchObject({ method: 'POST', path: collection });
    const body = create!.body as GraphJson;
    expect(body).not.toHaveProperty('apps');
    expect(body).not.toHaveProperty('assignments');
    expect(body.roleScopeTagIds).toEqual(['0', TARGET.scopeTagId]);
    expect(target).toMatchObject({ method: 'POST', path: `${collection}/${CREATED_OBJECT_ID}/targetApps` });
    const apps = (target!.body as { apps: GraphJson[]; appGroupType?: string });
    expect(apps.apps.map(identifierOf).sort()).toEqual(identifiers);
    for (const app of apps.apps) expect(Object.keys(app).sort()).toEqual(['@odata.type', 'mobileAppIdentifier']);
    expect(apps.appGroupType).toBe(appGroupType);
    const updates = type.updateRequests(TARGET.policyId, subject.payload, sourceToTarget);
    expect(updates.map((r) => `${r.method} ${r.path}`)).toEqual([`PATCH ${collection}/${TARGET.policyId}`, `POST ${collection}/${TARGET.policyId}/targetApps`]);
  });

  it('assigns include and exclude groups with their filter through assign (targetedManagedAppPolicyAssignment)', () => {
    const subject = normaliseSubject(type, fixture(SOURCE));
    expect(type.extractReferences(fixture(SOURCE))).toEqual(
      expect.arrayContaining([{ kind: 'group', id: SOURCE.groupId }, { kind: 'group', id: SOURCE.excludedGroupId }, { kind: 'assignmentFilter', id: SOURCE.filterId }, { kind: 'scopeTag', id: SOURCE.scopeTagId }]),
    );
    const assign = type.assignRequest(TARGET.policyId, subject.assignments, sourceToTarget)!;
    expect(assign).toMatchObject({ method: 'POST', path: `${collection}/${TARGET.policyId}/assign` });
    const targets = (assign.body as { assignments: GraphJson[] }).assignments.map((a) => a.target as GraphJson);
    expect(targets.map((t) => [t['@odata.type'], t.groupId]).sort()).toEqual(
      [['#microsoft.graph.exclusionGroupAssignmentTarget', TARGET.excludedGroupId], ['#microsoft.graph.groupAssignmentTarget', TARGET.groupId]].sort(),
    );
  });
});

describe('app protection kinds', () => {
  it('keeps iOS, Android and Windows policies apart even under one name', () => {
    const kinds = [iosAppProtectionPolicy, androidAppProtectionPolicy, windowsAppProtectionPolicy].map((t) => t.kindKey({}));
    expect(new Set(kinds).size).toBe(3);
  });
});
