import { describe, expect, it } from 'vitest';
import { normaliseSubject } from '../../../core/inventory/normalise';
import { withPortableHashes } from '../../../core/inventory/portable-hash';
import { SUBJECT_TYPES } from '../../../core/subjects/registry';
import type { ReferenceObject } from '../../../core/subjects/references';
import type { GraphJson } from '../../../core/subjects/subject-type';
import { SOURCE, TARGET, settingsCatalogPolicy, settingsCatalogSettings, type TenantSide } from '../../support/graph-payloads';

const type = SUBJECT_TYPES.settingsCatalog;

function referencesOf(side: TenantSide, groupName = 'Pilot users'): ReferenceObject[] {
  return [
    { kind: 'group', id: side.groupId, displayName: groupName },
    { kind: 'group', id: side.excludedGroupId, displayName: 'Kiosk devices' },
    { kind: 'assignmentFilter', id: side.filterId, displayName: 'Corporate Windows' },
    { kind: 'scopeTag', id: side.scopeTagId, displayName: 'Region EU' },
  ];
}

function subject(side: TenantSide, settings = settingsCatalogSettings()) {
  return normaliseSubject(type, { ...settingsCatalogPolicy(side), settings });
}

describe('portable hashes', () => {
  it('a policy pointing at same-named groups, filters and scope tags hashes the same in two tenants', () => {
    const source = withPortableHashes(type, subject(SOURCE), referencesOf(SOURCE));
    const target = withPortableHashes(type, subject(TARGET), referencesOf(TARGET));
    expect(source.contentHash).toBe(target.contentHash);
    expect(source.assignmentsHash).toBe(target.assignmentsHash);
  });

  it('an assignment to a differently named group makes the assignments differ, not the content', () => {
    const source = withPortableHashes(type, subject(SOURCE), referencesOf(SOURCE));
    const target = withPortableHashes(type, subject(TARGET), referencesOf(TARGET, 'All staff'));
    expect(source.contentHash).toBe(target.contentHash);
    expect(source.assignmentsHash).not.toBe(target.assignmentsHash);
  });

  it('settings returned in another order are still the same policy', () => {
    const reversed = [...settingsCatalogSettings()].reverse();
    const source = withPortableHashes(type, subject(SOURCE), referencesOf(SOURCE));
    const target = withPortableHashes(type, subject(TARGET, reversed), referencesOf(TARGET));
    expect(source.contentHash).toBe(target.contentHash);
  });

  it('a reference to an object the tenant cannot name never matches across tenants', () => {
    const source = withPortableHashes(type, subject(SOURCE), []);
    const target = withPortableHashes(type, subject(TARGET), []);
    expect(source.contentHash).not.toBe(target.contentHash);
  });

  it('assignments and scope tags in another order are still the same policy', () => {
    const sourceRaw = { ...settingsCatalogPolicy(SOURCE), settings: settingsCatalogSettings() };
    const targetRaw: GraphJson = { ...settingsCatalogPolicy(TARGET), settings: settingsCatalogSettings() };
    targetRaw.assignments = [...(targetRaw.assignments as unknown[])].reverse();
    targetRaw.roleScopeTagIds = [...(targetRaw.roleScopeTagIds as string[])].reverse();
    const source = withPortableHashes(type, normaliseSubject(type, sourceRaw), referencesOf(SOURCE));
    const target = withPortableHashes(type, normaliseSubject(type, targetRaw), referencesOf(TARGET));
    expect((targetRaw.assignments as unknown[]).length).toBeGreaterThan(1);
    expect(target.assignmentsHash).toBe(source.assignmentsHash);
    expect(target.contentHash).toBe(source.contentHash);
  });
});
