import { describe, expect, it } from 'vitest';
import { MAX_TENANT_ROWS, tenantsCard } from '../../cards/tenants-card';
import { CARD_INPUT_IDS } from '../../cards/verbs';
import { actionsByVerb, cardText, expectValidCard } from '../support/cards';
import { many, longName, PRODUCTION_ID, STAGING_ID, tenantsView } from '../support/card-view-models';

describe('tenants card', () => {
  it('shows each tenant with environment, freshness and last run', () => {
    const card = tenantsCard(tenantsView());
    expectValidCard(card);
    const text = cardText(card);
    for (const expected of ['Contoso Staging', 'staging', 'observed 12 min ago', 'No runs yet', 'stale: Graph unavailable', 'Last run: succeeded 3 d ago']) {
      expect(text).toContain(expected);
    }
    expect(text).toContain('2 tenants matching "contoso"');
  });

  it('offers a Compare per row with that tenant as target and the registry filter to return to', () => {
    const card = tenantsCard(tenantsView());
    const compares = actionsByVerb(card, 'tenants.compare');
    expect(compares.map((a) => a.data)).toEqual([
      { targetTenantId: STAGING_ID, registry: { filter: 'contoso', page: 1 } },
      { targetTenantId: PRODUCTION_ID, registry: { filter: 'contoso', page: 1 } },
    ]);
    expect(compares.every((a) => a.isEnabled === true)).toBe(true);
  });

  it('asks for the source in one required, searchable choice set whose value Teams merges into the action data', () => {
    const card = tenantsCard(tenantsView());
    const json = JSON.stringify(card.content);
    const input = (card.content.body as Record<string, unknown>[]).find((e) => e.type === 'Input.ChoiceSet')!;
    expect(input).toMatchObject({ id: CARD_INPUT_IDS.compareSource, style: 'filtered', isRequired: true });
    expect(input.choices).toEqual([
      { title: 'Contoso Staging', value: STAGING_ID },
      { title: 'Contoso Production', value: PRODUCTION_ID },
    ]);
    expect(json.match(/Input\.ChoiceSet/g)).toHaveLength(1);
  });

  it('shows Compare disabled with the reason when it is not available', () => {
    const card = tenantsCard(tenantsView({ compare: { enabled: false, reason: 'you can see only one tenant' } }));
    expectValidCard(card);
    expect(actionsByVerb(card, 'tenants.compare').every((a) => a.isEnabled === false)).toBe(true);
    expect(cardText(card)).toContain('Compare is unavailable: you can see only one tenant');
    expect(JSON.stringify(card.content)).not.toContain('Input.ChoiceSet');
  });

  it('pages with Previous and Next that keep the filter', () => {
    const card = tenantsCard(tenantsView({ page: { page: 2, pageCount: 3 } }));
    expectValidCard(card);
    expect(actionsByVerb(card, 'tenants.page').map((a) => [a.title, a.data])).toEqual([
      ['Previous', { filter: 'contoso', page: 1 }],
      ['Next', { filter: 'contoso', page: 3 }],
    ]);
    expect(cardText(card)).toContain('Page 2 of 3');
  });

  it('says when no tenant matches the filter', () => {
    const card = tenantsCard(tenantsView({ rows: [], totalCount: 0, filter: 'fabrikam' }));
    expectValidCard(card);
    expect(cardText(card)).toContain('No tenant matches "fabrikam".');
    expect(actionsByVerb(card, 'tenants.page')).toHaveLength(0);
  });

  it('stays under the size limit with thousands of long-named tenants', () => {
    const rows = many(5000, (i) => ({ id: PRODUCTION_ID, displayName: longName(i), environment: longName(i), freshnessText: longName(i), stale: i % 2 === 0, lastRunText: longName(i) }));
    const sources = many(5000, (i) => ({ id: STAGING_ID, displayName: longName(i) }));
    const card = tenantsCard(tenantsView({ rows, sources, totalCount: 5000, filter: longName(0), page: { page: 3, pageCount: 500 } }));
    expectValidCard(card);
    expect(actionsByVerb(card, 'tenants.compare')).toHaveLength(MAX_TENANT_ROWS);
    expect(cardText(card)).toContain('+4950 more tenants are not listed here');
  });
});
