import { describe, expect, it } from 'vitest';
import { MAX_WATCH_ROWS, watchesCard } from '../../cards/watches-card';
import { actionsByVerb, cardText, expectValidCard } from '../support/cards';
import { longName, many, watchRowView, watchesView } from '../support/card-view-models';

const at = new Date('2026-04-27T09:00:00Z');
const row = watchRowView;

describe('watches card', () => {
  it('shows pair, selection, interval, where it posts, last check, with Check now and Stop per row', () => {
    const card = watchesCard(watchesView({ rows: [row(), row({ watchId: 'b1', intervalHours: 6, includeAssignments: false, typesText: 'Compliance policy', whereText: 'a channel', lastCheck: { outcome: 'none' } })] }));
    expectValidCard(card);
    const text = cardText(card);
    expect(text).toContain('Contoso Staging → Contoso Production\nAll types · assignments included · Checked daily\nPosts to this conversation · created by Demo Operator\nLast check {{DATE(2026-04-27T09:00:00Z, SHORT)}} {{TIME(2026-04-27T09:00:00Z)}}: 9 differences, posted\nActive');
    expect(text).toContain('Compliance policy · assignments not included · Checked every 6 hours\nPosts to a channel');
    expect(text).toContain('Not checked yet: the first check posts the current state.');
    expect(actionsByVerb(card, 'watch.check').map((a) => a.data)).toEqual([{ watchId: row().watchId }, { watchId: 'b1' }]);
    expect(actionsByVerb(card, 'watch.stop').map((a) => [a.title, a.style])).toEqual([['Stop', 'destructive'], ['Stop', 'destructive']]);
  });

  it('a paused watch shows why and offers Stop but not Check now', () => {
    const card = watchesCard({ title: 'Drift watches', intro: '', rows: [row({ pausedReason: 'Demo Operator can no longer compare these tenants.', lastCheck: { outcome: 'paused', at } })], page: { page: 1, pageCount: 1 } });
    expectValidCard(card);
    expect(cardText(card)).toContain('Paused\nDemo Operator can no longer compare these tenants.');
    expect(actionsByVerb(card, 'watch.check')).toEqual([]);
    expect(actionsByVerb(card, 'watch.stop')).toHaveLength(1);
  });

  it('says how to start one when there is none, and pages long lists within the size limit', () => {
    expect(cardText(watchesCard({ title: 'Drift watches', intro: '', rows: [], page: { page: 1, pageCount: 1 } }))).toContain('No drift watches to show. Start one with watch «source» to «target».');
    const card = watchesCard({ title: 'Drift watches', intro: '', rows: many(MAX_WATCH_ROWS + 5, (i) => row({ watchId: `w-${i}`, sourceName: longName(i), targetName: longName(i + 1) })), page: { page: 2, pageCount: 3 } });
    expectValidCard(card);
    expect(actionsByVerb(card, 'watch.stop')).toHaveLength(MAX_WATCH_ROWS);
    expect(actionsByVerb(card, 'watches.page').map((a) => [a.title, a.data])).toEqual([['Previous', { page: 1 }], ['Next', { page: 3 }]]);
  });
});
