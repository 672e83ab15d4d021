import { describe, expect, it } from 'vitest';
import { cardText, expectValidCard } from '../support/cards';
import { useDemoChat } from '../support/chat';
import { MAP_FINANCE_LAPTOPS } from '../support/mapping-fixtures';

describe('map right after start-up (demo tenants over the Bot Framework protocol)', () => {
  const demo = useDemoChat();

  it('the first command of a fresh bot maps a group: it waits for the first inventory as compare does', async () => {
    expect(await demo.bot.system.db.collection('inventorySnapshots').countDocuments({ observedAt: { $gt: new Date(0) } })).toBe(0);

    const saved = await demo.chat.card(MAP_FINANCE_LAPTOPS);

    expectValidCard(saved);
    expect(cardText(saved)).toContain('Group "Finance Laptops" in Contoso Staging now maps to "Intune - All Corporate Devices" in Contoso Production.');
    expect(await demo.bot.system.db.collection('mappings').countDocuments()).toBe(1);
    expect(cardText(await demo.chat.card('mappings Contoso Staging to Contoso Production'))).toContain('Group: "Finance Laptops" → "Intune - All Corporate Devices"');
  });
});
