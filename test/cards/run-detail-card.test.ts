import { describe, expect, it } from 'vitest';
import { MAX_ITEM_ROWS, runDetailCard } from '../../cards/run-detail-card';
import { actionByTitle, actionsByVerb, cardText, expectValidCard, facts, textBlock } from '../support/cards';
import { longName, many, PRODUCTION_ID, RUN_ID, STAGING_ID } from '../support/card-view-models';
import { runDetailView } from '../support/run-card-view-models';

describe('run detail card', () => {
  it('shows status, people, timings in the reader’s locale and the summary with the verified count', () => {
    const card = runDetailCard(runDetailView());
    expectValidCard(card);
    expect(textBlock(card, 'Partially succeeded').color).toBe('attention');
    expect(facts(card)).toEqual([
      ['Types', 'Settings catalog, Compliance policy'],
      ['Assignments', 'Assignments included'],
      ['Initiator', 'Adele Vance'],
      ['Approver', 'Megan Bowen'],
      ['Total', '3'],
      ['Processed', '3'],
      ['Succeeded', '1'],
      ['Failed', '1'],
      ['Skipped', '1'],
      ['Verified in sync', '1'],
    ]);
    const text = cardText(card);
    expect(text).toContain('Queued {{DATE(2025-03-01T09:00:00Z, SHORT)}} {{TIME(2025-03-01T09:00:00Z)}}');
    expect(text).toContain('Finished {{DATE(2025-03-01T09:03:17Z, SHORT)}}');
    expect(text).toContain('Duration 3 min 12 s');
  });

  it('lists each item with type, name, outcome and reason, naming the target rather than showing the object id', () => {
    const card = runDetailCard(runDetailView());
    const text = cardText(card);
    expect(text).toContain('Settings catalog · Win11 Baseline\nUpdated in Contoso Production\nSucceeded');
    expect(text).toContain('Compliance policy · iOS Compliance\nCreate\nGraph answered 400: the payload is invalid for this tenant.\nFailed');
    expect(text).toContain('Changed in the target since the preflight.\nSkipped');
    expect(textBlock(card, 'Failed').color).toBe('attention');
  });

  it('lists the excluded subjects and links both tenants in Intune', () => {
    const card = runDetailCard(runDetailView());
    expect(cardText(card)).toContain('Not promoted (1)\nSettings catalog · Wi-Fi Corp: Blocked: secret-bearing payload');
    expect(actionByTitle(card, 'Open source in Intune').url).toBe(`https://intune.microsoft.com/${STAGING_ID}`);
    expect(actionByTitle(card, 'Open target in Intune').url).toBe(`https://intune.microsoft.com/${PRODUCTION_ID}`);
    expect(actionByTitle(card, 'Back to runs')).toMatchObject({ verb: 'runs.page', data: { page: 1 } });
  });

  it('pages item results through run.open', () => {
    const card = runDetailCard(runDetailView({ page: { page: 2, pageCount: 3 } }));
    expect(actionsByVerb(card, 'run.open').map((a) => [a.title, a.data])).toEqual([
      ['Previous', { runId: RUN_ID, page: 1 }],
      ['Next', { runId: RUN_ID, page: 3 }],
      ['Refresh', { runId: RUN_ID, page: 2 }],
    ]);
  });

  it('shows a queued run without timings it does not have yet', () => {
    const card = runDetailCard(runDetailView({ status: 'queued', startedAt: undefined, finishedAt: undefined, durationText: undefined, items: [], verified: undefined }));
    expectValidCard(card);
    expect(cardText(card)).toContain('No item has been processed yet.');
    expect(cardText(card)).not.toContain('Started');
    expect(facts(card).map(([l]) => l)).not.toContain('Verified in sync');
  });

  it('bounds items and exclusions for a 10,000-subject run and stays under the size limit', () => {
    const items = many(10_000, (i) => ({ typeLabel: 'Settings catalog', displayName: longName(i), action: 'update' as const, outcome: 'failed' as const, reason: longName(i), targetId: longName(i) }));
    const excluded = many(10_000, (i) => ({ typeLabel: longName(i), displayName: longName(i), why: longName(i) }));
    const card = runDetailCard(runDetailView({ items, excluded, failureReason: longName(0), initiatorName: longName(1), page: { page: 5, pageCount: 667 } }));
    expectValidCard(card);
    expect(cardText(card).match(/^Settings catalog · Policy/gm)).toHaveLength(MAX_ITEM_ROWS);
    expect(cardText(card)).toContain('+9992 more subjects not promoted');
  });

  it('says "Outcome unknown" for a write Graph never confirmed, with what to check', () => {
    const reason = 'Microsoft Graph did not confirm the create, and Contoso Production did not show it within 60 s. It was not sent again. Check "Win11 Baseline" (Settings catalog) in the Intune admin center of Contoso Production, then compare again.';
    const card = runDetailCard(runDetailView({ items: [{ typeLabel: 'Settings catalog', displayName: 'Win11 Baseline', action: 'create', outcome: 'failed', outcomeUnknown: true, reason }] }));
    expectValidCard(card);
    expect(textBlock(card, 'Outcome unknown').color).toBe('attention');
    expect(cardText(card)).toContain('Check "Win11 Baseline" (Settings catalog) in the Intune admin center of Contoso Production');
  });

  it('names the settings that differ for a promoted subject that is not in sync when read back', () => {
    const verification = {
      inSync: false,
      differences: [
        { path: 'Require device encryption', sourceValue: 'Enabled', targetValue: 'Disabled' },
        { path: 'assignments' },
        { path: 'Minimum PIN length', sourceValue: '6' },
        { path: 'Block camera', sourceValue: 'true', targetValue: 'false' },
      ],
    };
    const card = runDetailCard(runDetailView({ items: [{ typeLabel: 'Settings catalog', displayName: 'Win11 Baseline', action: 'update', outcome: 'succeeded', targetId: 'tgt-001', verification }] }));
    expect(cardText(card)).toContain(
      'Not in sync after the run: Require device encryption (source Enabled, target Disabled); the assignments; Minimum PIN length (source 6, target not set) and 1 more.',
    );
    const inSync = runDetailCard(runDetailView({ items: [{ typeLabel: 'Settings catalog', displayName: 'Win11 Baseline', action: 'update', outcome: 'succeeded', targetId: 'tgt-001', verification: { inSync: true } }] }));
    expect(cardText(inSync)).toContain('Verified in sync.');
  });

  it('shows a run waiting after an outage as "Waiting to retry" with the time and the reason', () => {
    const card = runDetailCard(runDetailView({ status: 'running', finishedAt: undefined, durationText: undefined, retry: { at: new Date('2025-03-01T09:05:00Z'), reason: 'The TenantAtlas database could not be reached.' } }));
    expectValidCard(card);
    expect(textBlock(card, 'Waiting to retry').color).toBe('accent');
    expect(cardText(card)).toContain('Waiting to retry at {{DATE(2025-03-01T09:05:00Z, SHORT)}} {{TIME(2025-03-01T09:05:00Z)}}. The TenantAtlas database could not be reached.');
  });
});
