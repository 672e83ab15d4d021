import { describe, expect, it } from 'vitest';
import { helpCard } from '../../cards/help-card';
import { cardText, expectValidCard, texts } from '../support/cards';
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

  it('shows text that looks like a template binding literally', () => {
    const card = helpCard({ commands: [{ usage: 'tenants [filter]', description: 'Lists ${$root.title} tenants' }] });
    expect(cardText(card)).toContain('Lists ${$root.title} tenants');
  });
});
