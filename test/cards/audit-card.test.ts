import { describe, expect, it } from 'vitest';
import { auditCard, MAX_AUDIT_ROWS } from '../../cards/audit-card';
import { actionsByVerb, cardText, expectValidCard } from '../support/cards';
import { longName, many } from '../support/card-view-models';
import { auditView } from '../support/run-card-view-models';

describe('audit card', () => {
  it('shows each event with time, actor, action and its short metadata, in the given order', () => {
    const card = auditCard(auditView());
    expectValidCard(card);
    expect(cardText(card)).toContain(
      [
        '{{DATE(2025-03-01T09:03:17Z, SHORT)}} {{TIME(2025-03-01T09:03:17Z)}} · system',
        'Promotion run finished',
        'run-7f3a · 4 succeeded · 1 skipped',
        '{{DATE(2025-03-01T09:00:00Z, SHORT)}} {{TIME(2025-03-01T09:00:00Z)}} · Megan Bowen',
        'Promotion run started',
      ].join('\n'),
    );
  });

  it('pages through events', () => {
    const card = auditCard(auditView({ page: { page: 3, pageCount: 3 } }));
    expect(actionsByVerb(card, 'audit.page').map((a) => [a.title, a.data])).toEqual([['Previous', { page: 2 }]]);
  });

  it('says when nothing was audited yet', () => {
    const card = auditCard(auditView({ events: [] }));
    expectValidCard(card);
    expect(cardText(card)).toContain('No audit events yet.');
  });

  it('bounds the events and their metadata text', () => {
    const events = many(1000, (i) => ({ at: new Date(Date.UTC(2025, 0, 1, 0, i)), actorName: longName(i), action: longName(i), summary: longName(i) }));
    const card = auditCard(auditView({ events, page: { page: 1, pageCount: 67 } }));
    expectValidCard(card);
    expect(cardText(card).match(/\{\{TIME/g)).toHaveLength(MAX_AUDIT_ROWS);
  });
});
