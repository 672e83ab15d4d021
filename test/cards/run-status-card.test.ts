import { describe, expect, it } from 'vitest';
import { runStatusCard } from '../../cards/run-status-card';
import { actionByTitle, cardText, expectValidCard, facts, textBlock, texts } from '../support/cards';
import { longName, RUN_ID } from '../support/card-view-models';
import { runStatusView } from '../support/run-card-view-models';

type Json = Record<string, unknown>;
const progressColumns = (card: ReturnType<typeof runStatusCard>) =>
  ((card.content.body as Json[]).find((e) => e.type === 'ColumnSet' && (e.columns as Json[]).some((c) => c.minHeight)) ?? { columns: [] }).columns as Json[];

describe('run status card', () => {
  it('shows the status, run id, selection, progress and current item of a running run', () => {
    const card = runStatusCard(runStatusView());
    expectValidCard(card);
    const text = texts(card);
    expect(text).toContain('Running');
    expect(text).toContain('Contoso Staging → Contoso Production');
    expect(text).toContain('2 of 5 processed (40%)');
    expect(text).toContain('Now: Settings catalog · Win11 Baseline');
    expect(facts(card)).toEqual([
      ['Run', RUN_ID],
      ['Types', 'Settings catalog, Compliance policy'],
      ['Assignments', 'Assignments included'],
      ['Total', '5'],
      ['Processed', '2'],
      ['Succeeded', '2'],
      ['Failed', '0'],
      ['Skipped', '0'],
    ]);
  });

  it('draws the progress bar with widths proportional to processed and remaining', () => {
    expect(progressColumns(runStatusCard(runStatusView())).map((c) => c.width)).toEqual([40, 60]);
    expect(progressColumns(runStatusCard(runStatusView({ status: 'queued', summary: { total: 5, processed: 0, succeeded: 0, failed: 0, skipped: 0 } }))).map((c) => c.width)).toEqual([100]);
    expect(progressColumns(runStatusCard(runStatusView({ status: 'succeeded', summary: { total: 5, processed: 5, succeeded: 5, failed: 0, skipped: 0 } }))).map((c) => c.style)).toEqual(['good']);
  });

  it('colors each status and labels it as operators read it', () => {
    const cases = [
      ['queued', 'Queued', 'default'],
      ['running', 'Running', 'accent'],
      ['succeeded', 'Succeeded', 'good'],
      ['partially_succeeded', 'Partially succeeded', 'attention'],
      ['failed', 'Failed', 'attention'],
    ] as const;
    for (const [status, label, color] of cases) {
      const card = runStatusCard(runStatusView({ status, currentItem: undefined }));
      expectValidCard(card);
      expect(textBlock(card, label).color).toBe(color);
    }
  });

  it('shows the verified count and failure reason once known', () => {
    const card = runStatusCard(runStatusView({ status: 'partially_succeeded', verified: 3, failureReason: '1 item failed: Graph answered 400.', currentItem: undefined, summary: { total: 5, processed: 5, succeeded: 3, failed: 1, skipped: 1 } }));
    expectValidCard(card);
    expect(facts(card)).toContainEqual(['Verified in sync', '3']);
    expect(cardText(card)).toContain('1 item failed: Graph answered 400.');
    expect(cardText(card)).not.toContain('Now:');
  });

  it('offers Open run and the way back to the tenant registry', () => {
    const card = runStatusCard(runStatusView({ registry: { filter: 'contoso', page: 2 } }));
    expect(actionByTitle(card, 'Open run')).toMatchObject({ verb: 'run.open', data: { runId: RUN_ID, page: 1 } });
    expect(actionByTitle(card, 'Back to tenants')).toMatchObject({ verb: 'tenants.back', data: { filter: 'contoso', page: 2 } });
    expect(actionByTitle(runStatusCard(runStatusView()), 'Back to tenants').data).toEqual({ filter: '', page: 1 });
  });

  it('stays valid with long names and an empty plan', () => {
    const card = runStatusCard(runStatusView({ sourceName: longName(1), targetName: longName(2), currentItem: longName(3), failureReason: longName(4), summary: { total: 0, processed: 0, succeeded: 0, failed: 0, skipped: 0 } }));
    expectValidCard(card);
    expect(cardText(card)).toContain('0 of 0 processed (0%)');
  });

  it('shows a run paused by an outage as waiting to retry, with when and why, instead of a frozen current item', () => {
    const card = runStatusCard(runStatusView({ currentItem: 'Settings catalog · Win11 Baseline', retry: { at: new Date('2025-03-01T09:05:00Z'), reason: 'Microsoft Graph did not answer (503).' } }));
    expectValidCard(card);
    expect(textBlock(card, 'Waiting to retry').color).toBe('accent');
    expect(cardText(card)).toContain('Waiting to retry at {{DATE(2025-03-01T09:05:00Z, SHORT)}} {{TIME(2025-03-01T09:05:00Z)}}. Microsoft Graph did not answer (503).');
    expect(cardText(card)).not.toContain('Now: Settings catalog');
  });
});
