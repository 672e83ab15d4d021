import { describe, expect, it } from 'vitest';
import { compareCard, MAX_COMPARE_ROWS } from '../../cards/compare-card';
import { compareUnavailableCard } from '../../cards/compare-unavailable-card';
import { actionByTitle, actionsByVerb, allActions, cardText, expectValidCard, facts, texts } from '../support/cards';
import { compareView, longName, many, PRODUCTION_ID, STAGING_ID } from '../support/card-view-models';

const selection = { sourceTenantId: STAGING_ID, targetTenantId: PRODUCTION_ID, types: ['settingsCatalog', 'compliancePolicy'], includeAssignments: true };

describe('compare card', () => {
  it('counts every compare state under its exact label', () => {
    const card = compareCard(compareView());
    expectValidCard(card);
    expect(facts(card)).toEqual([
      ['In sync', '14'],
      ['Different', '3'],
      ['Missing in target', '5'],
      ['Only in target', '2'],
      ['Ambiguous', '1'],
    ]);
  });

  it('names source and target with freshness, the selection and an Intune link for each tenant', () => {
    const card = compareCard(compareView({ target: { ...compareView().target, freshnessText: 'stale: sync failed', stale: true } }));
    const text = cardText(card);
    expect(text).toContain('Contoso Staging → Contoso Production');
    expect(text).toContain('observed 12 min ago');
    expect(text).toContain('stale: sync failed');
    expect(text).toContain('Types: Settings catalog, Compliance policy · Assignments included');
    const links = allActions(card).filter((a) => a.title === 'Open in Intune').map((a) => a.url);
    expect(links).toEqual([`https://intune.microsoft.com/${STAGING_ID}`, `https://intune.microsoft.com/${PRODUCTION_ID}`]);
  });

  it('lists each difference with state, type, name and a Details action for that subject', () => {
    const card = compareCard(compareView());
    const text = cardText(card);
    expect(text).toContain('Settings catalog · Win11 Baseline');
    expect(text).toContain('4 settings differ');
    expect(text).toContain('Not in the target yet');
    expect(actionsByVerb(card, 'compare.details').map((a) => a.data)).toEqual([
      { selection, subject: { type: 'settingsCatalog', displayName: 'Win11 Baseline' }, page: 1 },
      { selection, subject: { type: 'compliancePolicy', displayName: 'iOS Compliance' }, page: 1 },
      { selection, subject: { type: 'settingsCatalog', displayName: 'Edge Hardening' }, page: 1 },
    ]);
  });

  it('offers Generate promotion preflight as the one positive action, carrying the selection and fingerprint', () => {
    const card = compareCard(compareView());
    const primary = actionByTitle(card, 'Generate promotion preflight');
    expect(primary).toMatchObject({ type: 'Action.Execute', verb: 'preflight.generate', style: 'positive', isEnabled: true });
    expect(primary.data).toEqual({ selection, compareFingerprint: 'a3f1c2d4e5b6978812345678' });
    expect(allActions(card).filter((a) => a.style === 'positive')).toHaveLength(1);
  });

  it('puts the counts and the preflight action on the first screen, before the difference rows, and the fingerprint in a details line', () => {
    const card = compareCard(compareView());
    const order = JSON.stringify(card.content.body);
    expect(order.indexOf('Generate promotion preflight')).toBeLessThan(order.indexOf('"Details"'));
    expect(order.indexOf('"FactSet"')).toBeLessThan(order.indexOf('Generate promotion preflight'));
    expect(texts(card).at(-1)).toBe('Details: compare a3f1c2d4e5b6');
  });

  it('shows the preflight action disabled with the reason for a member who may not generate it', () => {
    const reason = 'Generating a preflight needs the permission to manage promotions in this workspace.';
    const card = compareCard(compareView({ preflight: { enabled: false, reason } }));
    expectValidCard(card);
    expect(actionByTitle(card, 'Generate promotion preflight').isEnabled).toBe(false);
    expect(cardText(card)).toContain(reason);
  });

  it('offers Refresh, Export CSV as a link, and Back to tenants only when opened from the registry', () => {
    const plain = compareCard(compareView());
    expect(actionByTitle(plain, 'Refresh')).toMatchObject({ verb: 'compare.refresh', data: { selection } });
    expect(actionByTitle(plain, 'Export CSV')).toMatchObject({ type: 'Action.OpenUrl', url: 'https://bot.example.com/export/abc?sig=xyz' });
    expect(actionsByVerb(plain, 'tenants.back')).toHaveLength(0);

    const registry = { filter: 'contoso', page: 2 };
    const fromRegistry = compareCard(compareView({ registry, exportUrl: undefined }));
    expectValidCard(fromRegistry);
    expect(actionByTitle(fromRegistry, 'Back to tenants')).toMatchObject({ verb: 'tenants.back', data: registry });
    expect(actionByTitle(fromRegistry, 'Refresh').data).toEqual({ selection, registry });
    expect(allActions(fromRegistry).some((a) => a.title === 'Export CSV')).toBe(false);
  });

  it('pages through differences keeping the selection', () => {
    const card = compareCard(compareView({ page: { page: 1, pageCount: 4 } }));
    expect(actionsByVerb(card, 'compare.page').map((a) => [a.title, a.data])).toEqual([['Next', { selection, page: 2 }]]);
    expect(cardText(card)).toContain('Page 1 of 4');
  });

  it('says so when nothing differs', () => {
    const card = compareCard(compareView({ rows: [], counts: { in_sync: 20, different: 0, missing_in_target: 0, only_in_target: 0, ambiguous: 0 } }));
    expectValidCard(card);
    expect(cardText(card)).toContain('Nothing differs: every subject in scope is in sync.');
  });

  it('shows at most ten rows and stays under the size limit for 10,000 long-named subjects', () => {
    const rows = many(10_000, (i) => ({ type: 'settingsCatalog' as const, typeLabel: 'Settings catalog', displayName: longName(i), state: 'different' as const, differenceCount: i }));
    const card = compareCard(compareView({ rows, counts: { in_sync: 0, different: 10_000, missing_in_target: 0, only_in_target: 0, ambiguous: 0 }, page: { page: 7, pageCount: 1000 }, typesText: longName(0) }));
    expectValidCard(card);
    expect(actionsByVerb(card, 'compare.details')).toHaveLength(MAX_COMPARE_ROWS);
    expect(cardText(card)).toContain('Differences (10000)');
  });

  it('renders the same view-model to the same card', () => {
    expect(JSON.stringify(compareCard(compareView()))).toBe(JSON.stringify(compareCard(compareView())));
  });

  it('says which tenant could not be read and why, with no counts and no preflight, and offers Sync and try again', () => {
    const card = compareUnavailableCard({
      sourceName: 'Contoso Staging',
      targetName: 'Contoso Lab',
      selection: compareView().selection,
      unread: [{ role: 'Target', displayName: 'Contoso Lab', why: 'Microsoft Graph was unavailable for this tenant (HTTP 503) on every attempt.' }],
    });
    expectValidCard(card);
    expect(texts(card)).toContain('Contoso Lab could not be read');
    expect(texts(card)).toContain('Target: Contoso Lab');
    expect(texts(card)).toContain('Microsoft Graph was unavailable for this tenant (HTTP 503) on every attempt.');
    expect(facts(card)).toEqual([]);
    expect(actionsByVerb(card, 'preflight.generate')).toEqual([]);
    expect(actionByTitle(card, 'Sync and try again')).toMatchObject({ verb: 'compare.refresh', data: { selection: { sourceTenantId: STAGING_ID } } });
  });

  it('does not claim "0 settings differ" for a subject that differs only where both sides mean "not configured"', () => {
    const card = compareCard(compareView({ rows: [{ type: 'deviceConfiguration', typeLabel: 'Device configuration', displayName: 'R', state: 'different', differenceCount: 0 }] }));
    expect(cardText(card)).toContain('Differs only in values that mean "not configured"');
    expect(cardText(card)).not.toContain('0 settings differ');
  });
});
