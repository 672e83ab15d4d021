import { describe, expect, it } from 'vitest';
import type { InventorySnapshot } from '../../../core/inventory/model';
import { normaliseSubject } from '../../../core/inventory/normalise';
import { blockedReasonText } from '../../../core/preflight/reason-text';
import { remediationScript } from '../../../core/subjects/types/remediation-script';
import type { GraphJson } from '../../../core/subjects/subject-type';
import { remediationScript as remediationFixture, SOURCE, TARGET } from '../../support/graph-payloads';
import { comparePair, snapshot, SOURCE_TENANT, TARGET_TENANT } from '../../support/inventory-builder';

/** A snapshot holding the given Graph remediations, normalised as the inventory reads them (no references needed). */
function holding(tenantId: string, ...raws: GraphJson[]): InventorySnapshot {
  const built = snapshot(tenantId).build();
  return { ...built, subjects: raws.map((raw) => normaliseSubject(remediationScript, { ...raw, assignments: [], roleScopeTagIds: ['0'] })) };
}
const microsoftScript = (side: typeof SOURCE, extra: GraphJson = {}) =>
  ({ ...remediationFixture(side), displayName: 'Restart Office Click-to-Run service', publisher: 'Microsoft', isGlobalScript: true, highestAvailableVersion: '2.0', ...extra });
const preflightOf = (source: InventorySnapshot, target: InventorySnapshot) =>
  comparePair(source, target, { typesInScope: ['remediationScript'] }).preflight;

describe('Microsoft-provided remediations (isGlobalScript)', () => {
  it('are read as provided by Microsoft; the customer\'s own scripts are not', () => {
    expect(normaliseSubject(remediationScript, microsoftScript(SOURCE)).providedByMicrosoft).toBe(true);
    expect(normaliseSubject(remediationScript, remediationFixture(SOURCE))).not.toHaveProperty('providedByMicrosoft');
  });

  it('are blocked, never ready, when missing in the target, with a reason an operator reads', () => {
    const preflight = preflightOf(holding(SOURCE_TENANT, microsoftScript(SOURCE)), holding(TARGET_TENANT));
    expect(preflight.items).toEqual([expect.objectContaining({ displayName: 'Restart Office Click-to-Run service', outcome: 'blocked', blockedReason: 'provided_by_microsoft' })]);
    expect(preflight.items[0]!.blockedDetail).toBe(
      '"Restart Office Click-to-Run service" in the source tenant is provided by Microsoft in every tenant; it cannot be created or changed, so recreate your own copy under another name if you need one.',
    );
    expect(blockedReasonText('provided_by_microsoft')).toBe('Microsoft provides this subject in every tenant and keeps it read-only, so it is compared but never promoted.');
  });

  it('are blocked when they differ (a newer version in one tenant): Microsoft\'s script in the target is never overwritten', () => {
    const source = holding(SOURCE_TENANT, microsoftScript(SOURCE, { description: 'version 2' }));
    const target = holding(TARGET_TENANT, microsoftScript(TARGET, { description: 'version 1' }));
    expect(preflightOf(source, target).items).toEqual([expect.objectContaining({ action: 'update', outcome: 'blocked', blockedReason: 'provided_by_microsoft' })]);
  });

  it('block a customer script of the same name that would overwrite Microsoft\'s in the target', () => {
    const own = { ...remediationFixture(SOURCE), displayName: 'Restart Office Click-to-Run service' };
    const preflight = preflightOf(holding(SOURCE_TENANT, own), holding(TARGET_TENANT, microsoftScript(TARGET)));
    expect(preflight.items[0]).toMatchObject({ outcome: 'blocked', blockedReason: 'provided_by_microsoft' });
    expect(preflight.items[0]!.blockedDetail).toContain('in the target tenant is provided by Microsoft');
  });

  it('in sync in both tenants, they are neither ready nor blocked', () => {
    const preflight = preflightOf(holding(SOURCE_TENANT, microsoftScript(SOURCE)), holding(TARGET_TENANT, microsoftScript(TARGET)));
    expect(preflight.items).toEqual([]);
    expect(preflight.counts.inSync).toBe(1);
  });
});
