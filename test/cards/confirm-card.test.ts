import { describe, expect, it } from 'vitest';
import { confirmCard } from '../../cards/confirm-card';
import { actionByTitle, cardText, expectValidCard, factValue, texts } from '../support/cards';
import { confirmView, longName } from '../support/card-view-models';

const data = { requestId: '6f1c9a52-3d0e-4b7a-9c1e-2a4b5c6d7e8f', selection: confirmView().selection, preflightFingerprint: 'ffee11223344556677889900' };

describe('confirmation card', () => {
  it('names source, target, ready and excluded counts and the assignment mode', () => {
    const card = confirmCard(confirmView());
    expectValidCard(card);
    expect(factValue(card, 'Source')).toBe('Contoso Staging');
    expect(factValue(card, 'Target')).toBe('Contoso Production');
    expect(factValue(card, 'Ready to promote')).toBe('5');
    expect(factValue(card, 'Excluded (blocked or manual mapping)')).toBe('3');
    expect(factValue(card, 'Assignments')).toBe('Assignments included');
  });

  it('says that only the target is changed', () => {
    expect(cardText(confirmCard(confirmView()))).toContain('Only Contoso Production is changed. Contoso Staging is read, never written.');
  });

  it('warns that a second person must approve only when the workspace requires it', () => {
    const note = 'A second person must approve: your own confirmation will be refused.';
    expect(cardText(confirmCard(confirmView({ requireSecondApprover: true })))).toContain(note);
    expect(cardText(confirmCard(confirmView()))).not.toContain(note);
  });

  it('offers Confirm and Cancel for the pending request, with its selection and preflight fingerprint', () => {
    const card = confirmCard(confirmView({ selection: { ...confirmView().selection, includeAssignments: false } }));
    const expected = { ...data, selection: { ...data.selection, includeAssignments: false } };
    expect(actionByTitle(card, 'Promote 5 to Contoso Production')).toMatchObject({ verb: 'promotion.confirm', style: 'positive', isEnabled: true, data: expected });
    expect(actionByTitle(card, 'Cancel')).toMatchObject({ verb: 'promotion.cancel', data: expected });
    expect(factValue(card, 'Assignments')).toBe('Assignments not included (policies only)');
  });

  it('names the subjects it will write, the first five and the rest behind Show all', () => {
    const ready = Array.from({ length: 7 }, (_, i) => ({ typeLabel: 'Settings catalog', displayName: `Policy ${i + 1}`, action: i % 2 ? ('update' as const) : ('create' as const) }));
    const card = confirmCard(confirmView({ readyCount: 7, ready }));
    expectValidCard(card);
    expect(texts(card)).toContain('Will be written to Contoso Production (7 subjects)');
    expect(texts(card)).toContain('Create · Settings catalog · Policy 1');
    expect(texts(card)).toContain('Update · Settings catalog · Policy 2');
    const showAll = actionByTitle(card, 'Show all 7');
    expect(showAll.type).toBe('Action.ShowCard');
    expect(JSON.stringify(showAll.card)).toContain('Create · Settings catalog · Policy 7');
  });

  it('shows who paused promotions, when and why, with the promote action disabled and the reason in words', () => {
    const card = confirmCard(confirmView({ pause: { byName: 'Megan Bowen', reason: 'change freeze', since: new Date('2026-03-02T09:00:00Z') } }));
    expectValidCard(card);
    expect(texts(card)).toContain('Promotions paused by Megan Bowen: change freeze');
    expect(cardText(card)).toContain('Since {{DATE(2026-03-02T09:00:00Z, SHORT)}}');
    expect(actionByTitle(card, 'Promote 5 to Contoso Production')).toMatchObject({ isEnabled: false });
    expect(texts(card)).toContain('Promotions are paused, so nothing can be promoted until an admin resumes them.');
    expect(actionByTitle(card, 'Cancel')).not.toHaveProperty('isEnabled', false);
  });

  it('stays valid and small with very long tenant names', () => {
    expectValidCard(confirmCard(confirmView({ sourceName: longName(1), targetName: longName(2), typesText: longName(3) })));
  });
});
