import { describe, expect, it } from 'vitest';
import { confirmCard } from '../../cards/confirm-card';
import { actionByTitle, cardText, expectValidCard, factValue } from '../support/cards';
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
    expect(actionByTitle(card, 'Confirm')).toMatchObject({ verb: 'promotion.confirm', style: 'destructive', data: expected });
    expect(actionByTitle(card, 'Cancel')).toMatchObject({ verb: 'promotion.cancel', data: expected });
    expect(factValue(card, 'Assignments')).toBe('Assignments not included (policies only)');
  });

  it('stays valid and small with very long tenant names', () => {
    expectValidCard(confirmCard(confirmView({ sourceName: longName(1), targetName: longName(2), typesText: longName(3) })));
  });
});
