import { describe, expect, it } from 'vitest';
import { MAX_CANDIDATES, mappingCard } from '../../cards/mapping-card';
import { CARD_INPUT_IDS } from '../../cards/verbs';
import { actionByTitle, cardText, expectValidCard, factValue } from '../support/cards';
import { longName, many, mappingView } from '../support/card-view-models';

type Json = Record<string, unknown>;
const choiceSet = (card: ReturnType<typeof mappingCard>) => (card.content.body as Json[]).find((e) => e.type === 'Input.ChoiceSet');

describe('mapping card', () => {
  it('names the source object and offers the target objects in a searchable, required choice set', () => {
    const card = mappingCard(mappingView());
    expectValidCard(card);
    expect(cardText(card)).toContain('Map group "Pilot users"');
    expect(cardText(card)).toContain('Group "Pilot users" does not exist in the target tenant.');
    expect(cardText(card)).toContain('Used by Win11 Baseline, Edge Hardening');
    expect(factValue(card, 'Kind')).toBe('Group');
    expect(choiceSet(card)).toMatchObject({
      id: CARD_INPUT_IDS.mappingTarget,
      style: 'filtered',
      isRequired: true,
      choices: [
        { title: 'Pilot Users (Prod)', value: 'tgt-grp-1' },
        { title: 'All Pilot Devices', value: 'tgt-grp-2' },
      ],
    });
  });

  it('saves with the gap and the preflight it belongs to, and goes back to the preflight', () => {
    const card = mappingCard(mappingView({ currentTargetId: 'tgt-grp-2' }));
    const { selection, compareFingerprint, preflightFingerprint } = mappingView();
    expect(choiceSet(card)!.value).toBe('tgt-grp-2');
    expect(actionByTitle(card, 'Save mapping')).toMatchObject({
      verb: 'mapping.save',
      isEnabled: true,
      data: { selection, compareFingerprint, preflightFingerprint, kind: 'group', sourceId: 'grp-pilot' },
    });
    expect(actionByTitle(card, 'Back to preflight')).toMatchObject({ verb: 'preflight.generate', data: { selection, compareFingerprint } });
  });

  it('shows Save mapping disabled with the reason', () => {
    const card = mappingCard(mappingView({ save: { enabled: false, reason: 'Saving a mapping needs the permission to manage promotions in this workspace.' } }));
    expectValidCard(card);
    expect(actionByTitle(card, 'Save mapping').isEnabled).toBe(false);
    expect(cardText(card)).toContain('Saving a mapping needs the permission to manage promotions in this workspace.');
  });

  it('says when the target has nothing to map to', () => {
    const card = mappingCard(mappingView({ candidates: [] }));
    expectValidCard(card);
    expect(choiceSet(card)).toBeUndefined();
    expect(cardText(card)).toContain('No group exists in Contoso Production to map to; create it there first.');
  });

  it('offers a bounded list of candidates from a large directory and stays under the size limit', () => {
    const candidates = many(5000, (i) => ({ id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, displayName: longName(i) }));
    const card = mappingCard(mappingView({ candidates, candidateTotal: 20_000, subjectNames: many(300, longName), sourceName: longName(0) }));
    expectValidCard(card);
    expect(choiceSet(card)!.choices).toHaveLength(MAX_CANDIDATES);
    expect(cardText(card)).toContain(`Showing ${MAX_CANDIDATES} of 20000`);
    expect(cardText(card)).toContain('and 295 more');
  });
});
