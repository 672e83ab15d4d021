import { describe, expect, it } from 'vitest';
import { driftCard, MAX_DRIFT_ROWS, type DriftCardView } from '../../cards/drift-card';
import { actionByTitle, actionsByVerb, cardText, expectValidCard, factValue, textBlock } from '../support/cards';
import { longName, many, PRODUCTION_ID, STAGING_ID } from '../support/card-view-models';

const CHECKED_AT = new Date('2026-04-27T09:00:00Z');
const selection = { sourceTenantId: STAGING_ID, targetTenantId: PRODUCTION_ID, types: [], includeAssignments: true };
const counts = { in_sync: 3, different: 2, missing_in_target: 1, only_in_target: 1, ambiguous: 0 };

function driftView(overrides: Partial<DriftCardView> = {}): DriftCardView {
  return {
    kind: 'drift',
    sourceName: 'Contoso Staging',
    targetName: 'Contoso Production',
    selection,
    typesText: 'All types',
    intervalHours: 24,
    checkedAt: CHECKED_AT,
    changes: [
      { kind: 'new', typeLabel: 'Compliance policy', displayName: 'Win - Compliance Baseline', state: 'different' },
      { kind: 'changed', typeLabel: 'Device configuration', displayName: 'Win - Device Restrictions', state: 'different', previousState: 'missing_in_target' },
      { kind: 'resolved', typeLabel: 'Settings catalog', displayName: 'Win - Defender Antivirus', state: 'missing_in_target' },
    ],
    counts,
    fingerprint: 'a'.repeat(64),
    ...overrides,
  };
}

describe('drift card', () => {
  it('lists what changed since the last check, new differences first, with the current counts', () => {
    const card = driftCard(driftView());
    expectValidCard(card);
    const text = cardText(card);
    expect(text).toContain('Drift detected\nContoso Staging → Contoso Production\nTypes: All types · assignments included · Checked daily\n3 changes since the last check.');
    expect(text).toContain('New difference\nCompliance policy · Win - Compliance Baseline\nDifferent');
    expect(text).toContain('Changed again\nDevice configuration · Win - Device Restrictions\nMissing in target → Different');
    expect(text).toContain('No longer differs\nSettings catalog · Win - Defender Antivirus\nWas: Missing in target');
    expect(factValue(card, 'Different')).toBe('2');
    expect(factValue(card, 'In sync')).toBe('3');
    expect(textBlock(card, 'Drift detected').color).toBe('warning');
  });

  it('opens the usual flow for the pair: Compare and Generate promotion preflight', () => {
    const card = driftCard(driftView());
    expect(actionByTitle(card, 'Compare')).toMatchObject({ verb: 'compare.page', data: { selection, page: 1 } });
    expect(actionByTitle(card, 'Generate promotion preflight')).toMatchObject({ verb: 'preflight.generate', data: { selection, compareFingerprint: 'a'.repeat(64) } });
  });

  it('the first check lists today\'s differences by compare state', () => {
    const card = driftCard(driftView({ kind: 'baseline', changes: [{ kind: 'new', typeLabel: 'Compliance policy', displayName: 'Win - Compliance Finance', state: 'missing_in_target' }] }));
    expectValidCard(card);
    expect(cardText(card)).toContain('Drift watch: first check');
    expect(cardText(card)).toContain('4 subjects differ today. This conversation hears about changes from now on.\nDifferences now\nMissing in target\nCompliance policy · Win - Compliance Finance');
  });

  it('back in sync says so and offers Compare only', () => {
    const card = driftCard(driftView({ kind: 'in_sync', counts: { ...counts, different: 0, missing_in_target: 0, only_in_target: 0 }, changes: [{ kind: 'resolved', typeLabel: 'Feature update profile', displayName: 'Win - Windows 11 Feature Update', state: 'different' }] }));
    expectValidCard(card);
    expect(cardText(card)).toContain('Back in sync\nContoso Staging → Contoso Production');
    expect(cardText(card)).toContain('Contoso Production matches Contoso Staging again for every subject in scope.');
    expect(actionsByVerb(card, 'preflight.generate')).toEqual([]);
    expect(actionsByVerb(card, 'compare.page')).toHaveLength(1);
  });

  it('a tenant that cannot be read is named with since when, without counts', () => {
    const card = driftCard(driftView({ kind: 'unreadable', changes: [], counts: undefined, unreadable: { tenantNames: ['Contoso Lab'], since: CHECKED_AT } }));
    expectValidCard(card);
    expect(cardText(card)).toContain('Contoso Lab could not be read since {{DATE(2026-04-27T09:00:00Z, SHORT)}} {{TIME(2026-04-27T09:00:00Z)}}. The watch keeps trying and posts again when it can read it.');
    expect(factValue(card, 'In sync')).toBeUndefined();
  });

  it('a paused watch says why and offers nothing to press', () => {
    const card = driftCard(driftView({ kind: 'paused', changes: [], counts: undefined, pausedReason: 'Demo Operator can no longer compare these tenants, so the watch paused itself.' }));
    expectValidCard(card);
    expect(cardText(card)).toContain('Drift watch paused\nContoso Staging → Contoso Production');
    expect(cardText(card)).toContain('Demo Operator can no longer compare these tenants');
    expect(card.content.actions).toEqual([]);
  });

  it('stays under the size limit with many long-named changes, counting the rest', () => {
    const card = driftCard(driftView({ changes: many(300, (i) => ({ kind: 'new' as const, typeLabel: 'Settings catalog', displayName: longName(i), state: 'different' as const })) }));
    expectValidCard(card);
    expect(cardText(card)).toContain(`+${300 - MAX_DRIFT_ROWS} more: open Compare to see every difference.`);
  });
});
