import { describe, expect, it } from 'vitest';
import { helpCard } from '../../cards/help-card';
import { COMMAND_USAGE } from '../../bot/commands/grammar';
import { help } from '../../bot/handlers/command-handlers';
import { actionByTitle, cardText, expectValidCard, texts } from '../support/cards';
import { helpView } from '../support/card-view-models';

describe('help card', () => {
  it('lists every command with its usage and description under the TenantAtlas title', () => {
    const card = helpCard(helpView());
    expectValidCard(card);
    expect(texts(card)[0]).toBe('TenantAtlas');
    for (const command of helpView().commands) {
      expect(texts(card)).toContain(command.usage);
      expect(texts(card)).toContain(command.description);
    }
  });

  it('keeps every argument placeholder visible (no <tag>-like text Teams would strip) and shows an example per command', () => {
    const card = help();
    expectValidCard(card);
    const text = cardText(card);
    expect(text).not.toMatch(/<[^>]*>/);
    expect(text).not.toContain('`');
    for (const { usage, example } of Object.values(COMMAND_USAGE)) {
      expect(texts(card)).toContain(usage);
      expect(texts(card)).toContain(`Example: ${example}`);
    }
    expect(texts(card)).toContain('compare «source» to «target» [types «type, …»] [without assignments]');
  });

  it('offers the main commands as buttons that start them, on the first screen', () => {
    const card = help();
    expect(actionByTitle(card, 'Compare tenants')).toMatchObject({ verb: 'tenants.page', data: { filter: '', page: 1 } });
    expect(actionByTitle(card, 'Recent runs')).toMatchObject({ verb: 'runs.page', data: { page: 1 } });
    expect(JSON.stringify(card.content.body).indexOf('Compare tenants')).toBeLessThan(JSON.stringify(card.content.body).indexOf('«source»'));
  });

  it('shows text that looks like a template binding literally', () => {
    const card = helpCard({ commands: [{ usage: 'tenants [filter]', description: 'Lists ${$root.title} tenants' }] });
    expect(cardText(card)).toContain('Lists ${$root.title} tenants');
  });
});
