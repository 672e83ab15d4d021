import { describe, expect, it } from 'vitest';
import { runDetailCard } from '../../cards/run-detail-card';
import { runStatusCard } from '../../cards/run-status-card';
import { runsCard } from '../../cards/runs-card';
import { MAX_UNDO_ROWS, undoConfirmCard, undoPreviewCard } from '../../cards/undo-card';
import { actionByTitle, actionsByVerb, cardText, expectValidCard, facts, factValue } from '../support/cards';
import { longName, many, RUN_ID } from '../support/card-view-models';
import { runDetailView, runStatusView, runsView, undoConfirmView, undoPreviewView } from '../support/run-card-view-models';

const UNDO_RUN_ID = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';

describe('undo preview card', () => {
  it('counts delete, restore and blocked in the preflight FactSet style and names each subject, blocked ones with their reason', () => {
    const card = undoPreviewCard(undoPreviewView());
    expectValidCard(card);
    expect(facts(card)).toEqual([
      ['Delete', '1'],
      ['Restore', '1'],
      ['Blocked', '1'],
    ]);
    const text = cardText(card);
    expect(text).toContain('Win - Defender Antivirus · Settings catalog');
    expect(text).toContain('Win - Device Restrictions · Device configuration');
    expect(text).toContain('Changed in Contoso Production since the run wrote it: description, featureUpdateVersion.');
    expect(text).toContain('Read-only: nothing was changed.');
    expect(actionByTitle(card, 'Undo').data).toEqual({ runId: RUN_ID, previewFingerprint: undoPreviewView().fingerprint });
  });

  it('offers no Undo when nothing can be undone, or the whole run is blocked, and says why', () => {
    expect(actionsByVerb(undoPreviewCard(undoPreviewView({ deletes: [], restores: [] })), 'undo.request')).toHaveLength(0);
    const blocked = undoPreviewCard(
      undoPreviewView({ deletes: [], restores: [], blocked: [], runBlock: { title: 'An undo run cannot be undone', text: 'This run undid an earlier promotion run.', openRunId: UNDO_RUN_ID, openTitle: 'Open undone run' } }),
    );
    expectValidCard(blocked);
    expect(cardText(blocked)).toContain('An undo run cannot be undone');
    expect(facts(blocked)).toEqual([]);
    expect(actionsByVerb(blocked, 'undo.request')).toHaveLength(0);
    expect(actionByTitle(blocked, 'Open undone run').data).toEqual({ runId: UNDO_RUN_ID, page: 1 });
  });

  it('stays valid and under the size limit with hundreds of long-named subjects, listing a bounded number', () => {
    const subjects = many(300, (i) => ({ typeLabel: 'Settings catalog', displayName: longName(i) }));
    const card = undoPreviewCard(undoPreviewView({ deletes: subjects, restores: subjects, blocked: subjects.map((s) => ({ ...s, reason: `Changed since the run: ${'setting.path '.repeat(80)}` })) }));
    expectValidCard(card);
    expect(factValue(card, 'Delete')).toBe('300');
    expect(cardText(card)).toContain(`+${300 - MAX_UNDO_ROWS} more`);
  });
});

describe('undo confirmation card', () => {
  it('names the target, the delete and restore counts and what stays, and that the source is never touched', () => {
    const card = undoConfirmCard(undoConfirmView());
    expectValidCard(card);
    expect(facts(card)).toEqual([
      ['Target', 'Contoso Production'],
      ['Delete', '1'],
      ['Restore', '1'],
      ['Stays as it is (blocked)', '1'],
    ]);
    expect(cardText(card)).toContain('Only Contoso Production is changed. Contoso Staging is never touched. An undo run cannot itself be undone.');
    expect(cardText(card)).toContain('A second person must approve');
    expect(actionByTitle(card, 'Confirm').verb).toBe('undo.confirm');
    expect(actionByTitle(card, 'Cancel').verb).toBe('undo.cancel');
  });
});

describe('runs and their undo, linked both ways', () => {
  it('a finished run offers "Undo this run" when allowed, and links its undo run once undone', () => {
    expect(actionByTitle(runDetailCard(runDetailView({ canUndo: true })), 'Undo this run').data).toEqual({ runId: RUN_ID });
    expect(actionsByVerb(runDetailCard(runDetailView()), 'undo.preview')).toHaveLength(0);
    const undone = runDetailCard(runDetailView({ undoneBy: UNDO_RUN_ID }));
    expectValidCard(undone);
    expect(factValue(undone, 'Undone by run')).toBe(UNDO_RUN_ID.slice(0, 8));
    expect(actionByTitle(undone, 'Open undo run').data).toEqual({ runId: UNDO_RUN_ID, page: 1 });
  });

  it('an undo run is titled and labelled as one, and links the run it undoes', () => {
    const detail = runDetailCard(runDetailView({ runId: UNDO_RUN_ID as never, undoes: RUN_ID, items: [{ typeLabel: 'Settings catalog', displayName: 'Win11 Baseline', action: 'delete', outcome: 'succeeded', targetId: 'tgt-001' }] }));
    expectValidCard(detail);
    expect(cardText(detail)).toContain(`Undo run ${UNDO_RUN_ID.slice(0, 8)}`);
    expect(cardText(detail)).toContain('Deleted in Contoso Production');
    expect(factValue(detail, 'Undoes run')).toBe(RUN_ID.slice(0, 8));
    const status = runStatusCard(runStatusView({ undoes: RUN_ID }));
    expectValidCard(status);
    expect(cardText(status)).toContain('Undo run');
    expect(actionByTitle(status, 'Open undone run').data).toEqual({ runId: RUN_ID, page: 1 });
    const list = runsCard(runsView({ rows: [{ ...runsView().rows[0]!, undo: true }] }));
    expect(cardText(list)).toContain('Undo · Contoso Staging → Contoso Production');
  });
});
