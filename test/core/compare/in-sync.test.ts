import { describe, expect, it } from 'vitest';
import { buildComparePreview } from '../../../core/compare/build-compare-preview';
import { judgeInSync, type SubjectInTenant } from '../../../core/compare/in-sync';
import { TenantId, WorkspaceId } from '../../../core/ids';
import type { InventorySnapshot } from '../../../core/inventory/model';
import { normaliseSubject } from '../../../core/inventory/normalise';
import { withPortableHashes } from '../../../core/inventory/portable-hash';
import type { AppliedMapping } from '../../../core/mappings/model';
import { SUBJECT_TYPES } from '../../../core/subjects/registry';
import type { ReferenceObject } from '../../../core/subjects/references';
import { SOURCE, TARGET, settingsCatalogPolicy, settingsCatalogSettings, type TenantSide } from '../../support/graph-payloads';

const type = SUBJECT_TYPES.settingsCatalog;

/** The reference objects of a tenant; the include group's name is the parameter (what a mapping bridges). */
function referencesOf(side: TenantSide, includeGroupName: string): ReferenceObject[] {
  return [
    { kind: 'group', id: side.groupId, displayName: includeGroupName },
    { kind: 'group', id: side.excludedGroupId, displayName: 'Kiosk devices' },
    { kind: 'assignmentFilter', id: side.filterId, displayName: 'Corporate Windows' },
    { kind: 'scopeTag', id: side.scopeTagId, displayName: 'Region EU' },
  ];
}

function side(tenant: TenantSide, includeGroupName: string, extra = {}): SubjectInTenant {
  const referenceObjects = referencesOf(tenant, includeGroupName);
  const subject = normaliseSubject(type, { ...settingsCatalogPolicy(tenant, extra), settings: settingsCatalogSettings() });
  return { subject: withPortableHashes(type, subject, referenceObjects), referenceObjects };
}

const A_TO_B: AppliedMapping = { kind: 'group', sourceId: SOURCE.groupId, targetId: TARGET.groupId };
const WITH = { includeAssignments: true };
const WITHOUT = { includeAssignments: false };

describe('judging one source/target pair "in sync" through the pair\'s managed mappings', () => {
  it('a policy assigned to "Finance Laptops" in the source and "All Corporate Devices" in the target is In sync once that pair is mapped', () => {
    const source = side(SOURCE, 'Finance Laptops');
    const target = side(TARGET, 'All Corporate Devices');
    expect(judgeInSync(source, target, [A_TO_B], WITH)).toEqual({ inSync: true, mappingsUsed: [A_TO_B] });
  });

  it('without the mapping the same pair differs only in its assignments, naming the one added and the one removed', () => {
    const verdict = judgeInSync(side(SOURCE, 'Finance Laptops'), side(TARGET, 'All Corporate Devices'), [], WITH);
    expect(verdict).toMatchObject({ inSync: false, assignmentsOnly: true, identityConflict: false, mappingsUsed: [] });
    // Names, not ids, shortened for the card; the assignment both sides share is not a difference.
    expect(verdict.inSync === false && verdict.differences).toEqual([
      { path: 'assignments', sourceValue: expect.stringMatching(/^include group Finance Laptops/), targetValue: undefined },
      { path: 'assignments', sourceValue: undefined, targetValue: expect.stringMatching(/^include group All Corporate Devices/) },
    ]);
  });

  it('a mapping to another target group is not In sync: the mapping decides, not a same-named group', () => {
    const toExcluded: AppliedMapping = { kind: 'group', sourceId: SOURCE.groupId, targetId: TARGET.excludedGroupId };
    const verdict = judgeInSync(side(SOURCE, 'Pilot users'), side(TARGET, 'Pilot users'), [toExcluded], WITH);
    expect(verdict).toMatchObject({ inSync: false, assignmentsOnly: true, mappingsUsed: [toExcluded] });
  });

  it('a mapping of a group the subject does not use is not reported as used and changes nothing', () => {
    const unrelated: AppliedMapping = { kind: 'group', sourceId: 'ffffffff-0000-4000-8000-000000000000', targetId: TARGET.groupId };
    expect(judgeInSync(side(SOURCE, 'Pilot users'), side(TARGET, 'Pilot users'), [unrelated], WITH)).toEqual({ inSync: true, mappingsUsed: [] });
  });

  it('when assignments are not compared, an assignment-only mapping is not used and the pair is In sync by its settings', () => {
    expect(judgeInSync(side(SOURCE, 'Finance Laptops'), side(TARGET, 'All Corporate Devices'), [A_TO_B], WITHOUT)).toEqual({
      inSync: true,
      mappingsUsed: [],
    });
  });

  it('a differing setting stays a difference through a mapping, named by its path, and the mapping is still reported', () => {
    const verdict = judgeInSync(side(SOURCE, 'Finance Laptops', { description: 'Stricter' }), side(TARGET, 'All Corporate Devices'), [A_TO_B], WITH);
    expect(verdict).toMatchObject({ inSync: false, assignmentsOnly: false, mappingsUsed: [A_TO_B] });
    expect(verdict.inSync === false && verdict.differences.map((d) => d.path)).toEqual(['description']);
  });

  it('another platform under the same name is never In sync, whatever the mappings', () => {
    const verdict = judgeInSync(side(SOURCE, 'Pilot users'), side(TARGET, 'Pilot users', { platforms: 'macOS' }), [A_TO_B], WITH);
    expect(verdict).toMatchObject({ inSync: false, identityConflict: true });
  });
});

describe('the compare preview judges with the same function', () => {
  function snapshot(tenant: string, s: SubjectInTenant): InventorySnapshot {
    const at = new Date('2026-04-27T08:00:00Z');
    return { workspaceId: WorkspaceId('ws'), tenantId: TenantId(tenant), observedAt: at, lastAttemptAt: at, subjects: [s.subject], referenceObjects: [...s.referenceObjects] };
  }
  const source = snapshot('staging', side(SOURCE, 'Finance Laptops'));
  const target = snapshot('production', side(TARGET, 'All Corporate Devices'));
  const selection = { sourceTenantId: TenantId('staging'), targetTenantId: TenantId('production'), types: [], includeAssignments: true };
  const preview = (mappings?: AppliedMapping[]) => buildComparePreview({ selection, source, target, typesInScope: ['settingsCatalog'], mappings });

  it('shows the mapped subject In sync with the mapping it used, and a changed mapping changes the fingerprint', () => {
    const unmapped = preview();
    const mapped = preview([A_TO_B]);
    const remapped = preview([{ ...A_TO_B, targetId: TARGET.excludedGroupId }]);
    expect(unmapped.entries[0]).toMatchObject({ state: 'different', assignmentsOnly: true });
    expect(unmapped.entries[0]!.mappingsUsed).toBeUndefined();
    expect(mapped.entries[0]).toMatchObject({ state: 'in_sync', mappingsUsed: [A_TO_B] });
    expect(remapped.entries[0]).toMatchObject({ state: 'different', assignmentsOnly: true });
    expect(new Set([unmapped.fingerprint, mapped.fingerprint, remapped.fingerprint]).size).toBe(3);
    expect(preview([A_TO_B]).fingerprint).toBe(mapped.fingerprint);
  });

  it('does not change the snapshot subjects it judged (the executor compares their unmapped hashes)', () => {
    const before = source.subjects[0]!.assignmentsHash;
    preview([A_TO_B]);
    expect(source.subjects[0]!.assignmentsHash).toBe(before);
  });
});
