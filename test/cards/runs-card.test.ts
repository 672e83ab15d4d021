import { describe, expect, it } from 'vitest';
import { MAX_RUN_ROWS, runsCard } from '../../cards/runs-card';
import { RunId } from '../../core/ids';
import { actionsByVerb, cardText, expectValidCard, textBlock } from '../support/cards';
import { longName, many, RUN_ID } from '../support/card-view-models';
import { runsView } from '../support/run-card-view-models';

describe('runs card', () => {
  it('lists each run with status, source → target, counts, initiator, approver, start and duration', () => {
    const card = runsCard(runsView());
    expectValidCard(card);
    const text = cardText(card);
    expect(text).toContain(
      `Contoso Staging → Contoso Production\n5 total · 4 succeeded · 0 failed · 1 skipped\nBy Adele Vance · approved by Megan Bowen\nRun ${RUN_ID.slice(0, 8)} · Started {{DATE(2025-03-01T09:00:05Z, SHORT)}} {{TIME(2025-03-01T09:00:05Z)}} · 3 min 12 s\nSucceeded`,
    );
    expect(text).toContain('Run run-8b21 · Queued {{DATE(2025-03-02T10:00:00Z, SHORT)}} {{TIME(2025-03-02T10:00:00Z)}}\nQueued');
    expect(textBlock(card, 'Succeeded').color).toBe('good');
    expect(actionsByVerb(card, 'run.open').map((a) => a.data)).toEqual([
      { runId: RUN_ID, page: 1 },
      { runId: 'run-8b21', page: 1 },
    ]);
  });

  it('shows who paused promotions and why', () => {
    const card = runsCard(runsView({ pause: { byName: 'Megan Bowen', reason: 'change freeze until Monday', since: new Date('2025-03-03T08:00:00Z') } }));
    expectValidCard(card);
    expect(cardText(card)).toContain('Promotions paused by Megan Bowen: change freeze until Monday');
    expect(cardText(runsCard(runsView()))).not.toContain('paused');
  });

  it('pages with Previous and Next that keep the filters', () => {
    const card = runsCard(runsView({ page: { page: 2, pageCount: 3 }, filter: { tenantId: 'tenant-1', status: 'failed' }, filterText: 'for Contoso Production · status failed' }));
    expectValidCard(card);
    expect(cardText(card)).toContain('for Contoso Production · status failed');
    expect(actionsByVerb(card, 'runs.page').map((a) => [a.title, a.data])).toEqual([
      ['Previous', { page: 1, tenantId: 'tenant-1', status: 'failed' }],
      ['Next', { page: 3, tenantId: 'tenant-1', status: 'failed' }],
    ]);
  });

  it('says when there are no runs', () => {
    const card = runsCard(runsView({ rows: [] }));
    expectValidCard(card);
    expect(cardText(card)).toContain('No promotion runs to show.');
  });

  it('shows at most one page of runs and stays under the size limit', () => {
    const rows = many(500, (i) => ({ ...runsView().rows[0]!, runId: RunId(`run-${i}`), sourceName: longName(i), targetName: longName(i), initiatorName: longName(i), approverName: longName(i) }));
    const card = runsCard(runsView({ rows, page: { page: 3, pageCount: 50 }, filterText: longName(0), pause: { byName: longName(1), reason: longName(2), since: new Date() } }));
    expectValidCard(card);
    expect(actionsByVerb(card, 'run.open')).toHaveLength(MAX_RUN_ROWS);
  });
});
