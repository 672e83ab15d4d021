import { describe, expect, it } from 'vitest';
import { MAX_MAPPING_ROWS, mappingsCard } from '../../cards/mappings-card';
import { allActions, cardText, expectValidCard } from '../support/cards';
import { longName, many, mappingsView } from '../support/card-view-models';

describe('mappings card', () => {
  it('lists kind, source name → target name, who mapped it and when', () => {
    const card = mappingsCard(mappingsView());
    expectValidCard(card);
    const text = cardText(card);
    expect(text).toContain('Contoso Staging → Contoso Production');
    expect(text).toContain('Group: "Finance Laptops" → "Intune - All Corporate Devices"');
    expect(text).toContain('Mapped by Demo Operator · {{DATE(2026-04-27T08:30:00Z, SHORT)}}');
    expect(text).toContain('To remove one, type: unmap «kind» "«source name»" for Contoso Staging to Contoso Production');
    expect(text).not.toMatch(/[<>`]/);
    expect(allActions(card)).toEqual([]);
  });

  it('flags only the mapping whose target no longer exists', () => {
    const text = cardText(mappingsCard(mappingsView()));
    expect(text).toContain('"Retail" no longer exists in Contoso Production: subjects that use this mapping need mapping again.');
    expect(text.match(/no longer exists/g)).toHaveLength(1);
  });

  it('says how to map when the pair has no mappings', () => {
    const card = mappingsCard(mappingsView({ rows: [] }));
    expectValidCard(card);
    expect(cardText(card)).toContain('No mappings yet. Use Map on a preflight card');
    expect(cardText(card)).not.toContain('To remove one');
  });

  it('bounds a long list and stays under the size limit', () => {
    const row = mappingsView().rows[1]!;
    const card = mappingsCard(mappingsView({ rows: many(500, (i) => ({ ...row, sourceName: longName(i), targetName: longName(i + 1) })) }));
    expectValidCard(card);
    expect(cardText(card)).toContain(`+${500 - MAX_MAPPING_ROWS} more mappings`);
  });
});
