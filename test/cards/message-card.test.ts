import { describe, expect, it } from 'vitest';
import { messageCard } from '../../cards/message-card';
import { actionByTitle, allActions, cardText, expectValidCard, textBlock } from '../support/cards';
import { longName, many, messageView, RUN_ID } from '../support/card-view-models';

describe('message card', () => {
  it('answers "target busy" with an Open run action for the active run', () => {
    const card = messageCard(messageView());
    expectValidCard(card);
    expect(cardText(card)).toBe('Target busy\nAnother promotion is running on Contoso Production.');
    expect(actionByTitle(card, 'Open run')).toMatchObject({ type: 'Action.Execute', verb: 'run.open', data: { runId: RUN_ID, page: 1 } });
  });

  it('shows the tone as the container style and keeps the title in the default colour, readable on every tint', () => {
    const styles = { info: 'emphasis', warning: 'warning', error: 'attention', success: 'good' } as const;
    for (const [tone, style] of Object.entries(styles)) {
      const card = messageCard(messageView({ tone: tone as keyof typeof styles, actions: [] }));
      expectValidCard(card);
      expect(textBlock(card, 'Target busy').color).toBe('default');
      expect((card.content.body![0] as { style: string }).style).toBe(style);
    }
  });

  it('renders links as OpenUrl and detail lines such as a usage, bounded', () => {
    const card = messageCard(
      messageView({
        tone: 'error',
        details: many(40, (i) => `line ${i}`),
        actions: [{ title: 'Download CSV', url: 'https://bot.example.com/export/x' }, ...many(10, (i) => ({ title: `Page ${i}`, verb: 'audit.page' as const, data: { page: i } }))],
      }),
    );
    expectValidCard(card);
    expect(cardText(card)).toContain('line 9\n+30 more');
    expect(cardText(card)).not.toContain('line 10');
    expect(actionByTitle(card, 'Download CSV')).toMatchObject({ type: 'Action.OpenUrl', url: 'https://bot.example.com/export/x' });
    expect(allActions(card)).toHaveLength(5);
  });

  it('has no actions when none are given, and clips very long texts', () => {
    const card = messageCard({ title: longName(1), text: longName(2).repeat(10), tone: 'info' });
    expectValidCard(card);
    expect(allActions(card)).toHaveLength(0);
  });
});
