import { describe, expect, it } from 'vitest';
import { MAX_GAP_ROWS, preflightCard } from '../../cards/preflight-card';
import { actionByTitle, actionsByVerb, allActions, cardText, expectValidCard, facts } from '../support/cards';
import { longName, many, preflightView } from '../support/card-view-models';

const selection = preflightView().selection;

describe('preflight card', () => {
  it('counts outcomes under exactly Ready, Blocked, Manual mapping and In sync', () => {
    const card = preflightCard(preflightView());
    expectValidCard(card);
    expect(facts(card)).toEqual([
      ['Ready', '5'],
      ['Blocked', '2'],
      ['Manual mapping', '1'],
      ['In sync', '14'],
    ]);
  });

  it('groups blocked reasons with counts and examples, lists gaps and what is excluded and why', () => {
    const text = cardText(preflightCard(preflightView()));
    expect(text).toContain('1 subject: Several subjects in the target tenant share this name');
    expect(text).toContain('e.g. Edge Hardening');
    expect(text).toContain('Group "Pilot users" does not exist in the target tenant.');
    expect(text).toContain('Needed by 1 subject');
    expect(text).toContain('Compliance policy · Legacy Android: Only in target: never touched');
    expect(text).toContain('Settings catalog · Edge Hardening: Ambiguous: duplicate names in the source');
  });

  it('offers Execute promotion carrying the selection and the preflight fingerprint', () => {
    const card = preflightCard(preflightView());
    expect(actionByTitle(card, 'Execute promotion')).toMatchObject({
      verb: 'preflight.execute',
      style: 'positive',
      isEnabled: true,
      data: { selection, preflightFingerprint: 'ffee11223344556677889900' },
    });
    expect(actionByTitle(card, 'Export CSV')).toMatchObject({ type: 'Action.OpenUrl', url: 'https://bot.example.com/export/def?sig=xyz' });
    expect(actionByTitle(card, 'Back to compare')).toMatchObject({ verb: 'compare.refresh', data: { selection } });
  });

  it('shows Execute promotion disabled with the reason when nothing is ready or the actor may not execute', () => {
    const reason = 'Nothing is ready to promote.';
    const card = preflightCard(preflightView({ execute: { enabled: false, reason }, counts: { ready: 0, blocked: 2, manualMapping: 1, inSync: 14, onlyInTarget: 2 } }));
    expectValidCard(card);
    expect(actionByTitle(card, 'Execute promotion').isEnabled).toBe(false);
    expect(cardText(card)).toContain(reason);
  });

  it('offers Map per gap only when mapping is allowed, identifying the gap and the preflight', () => {
    const card = preflightCard(preflightView());
    expect(actionsByVerb(card, 'mapping.open').map((a) => a.data)).toEqual([
      { selection, compareFingerprint: 'a3f1c2d4e5b6978812345678', preflightFingerprint: 'ffee11223344556677889900', kind: 'group', sourceId: 'grp-pilot' },
    ]);
    const withoutMap = preflightCard(preflightView({ canMap: false }));
    expectValidCard(withoutMap);
    expect(actionsByVerb(withoutMap, 'mapping.open')).toHaveLength(0);
    expect(cardText(withoutMap)).toContain('Pilot users');
  });

  it('leaves out empty sections', () => {
    const card = preflightCard(preflightView({ blocked: [], gaps: [], excluded: [], exportUrl: undefined }));
    expectValidCard(card);
    const text = cardText(card);
    for (const heading of ['Blocked', 'Manual mapping required', 'Excluded and why']) expect(text.split('\n')).not.toContain(heading);
    expect(allActions(card).map((a) => a.title)).toEqual(['Open in Intune', 'Open in Intune', 'Execute promotion', 'Back to compare']);
  });

  it('shows a bounded number of the 10,000 gaps plus "+N more" and stays under the size limit', () => {
    const gaps = many(10_000, (i) => ({ kind: 'group' as const, sourceId: `grp-${i}-${'z'.repeat(200)}`, text: `Group "${longName(i)}" does not exist in the target tenant.`, subjectCount: i }));
    const blocked = many(50, (i) => ({ text: longName(i), count: i, examples: many(100, longName) }));
    const excluded = many(10_000, (i) => ({ typeLabel: longName(i), displayName: longName(i), why: longName(i) }));
    const card = preflightCard(preflightView({ gaps, blocked, excluded, typesText: longName(1) }));
    expectValidCard(card);
    expect(actionsByVerb(card, 'mapping.open')).toHaveLength(MAX_GAP_ROWS);
    expect(cardText(card)).toContain(`+${10_000 - MAX_GAP_ROWS} more references to map`);
    expect(cardText(card)).toContain('+9995 more excluded subjects');
    expect(cardText(card)).toContain('+42 more reasons');
  });
});

describe('preflight card: mappings used', () => {
  const used = { kindLabel: 'Group', sourceName: 'Finance Laptops', targetName: 'Intune - All Corporate Devices', subjectNames: ['Win - Compliance Finance'] };

  it('lists each managed mapping the ready subjects used, with those subjects', () => {
    const card = preflightCard(preflightView({ mappingsUsed: [used, { ...used, kindLabel: 'Scope tag', sourceName: 'Retail Stores', targetName: 'Retail', subjectNames: ['A', 'B', 'C', 'D', 'E'] }] }));
    expectValidCard(card);
    const text = cardText(card);
    expect(text).toContain('Mappings used');
    expect(text).toContain('Group "Finance Laptops" → "Intune - All Corporate Devices"');
    expect(text).toContain('Used by Win - Compliance Finance');
    expect(text).toContain('Used by A, B, C and 2 more');
  });

  it('shows no mappings section when none was used', () => {
    expect(cardText(preflightCard(preflightView()))).not.toContain('Mappings used');
    expect(cardText(preflightCard(preflightView({ mappingsUsed: [] })))).not.toContain('Mappings used');
  });

  it('bounds many mappings and stays under the size limit', () => {
    const card = preflightCard(preflightView({ mappingsUsed: many(200, (i) => ({ ...used, sourceName: longName(i), subjectNames: many(50, longName) })) }));
    expectValidCard(card);
    expect(cardText(card)).toContain('+192 more mappings used');
  });

  it('shows the pause on the preflight (who, when, why) with Execute disabled and the reason in words', () => {
    const card = preflightCard(preflightView({ pause: { byName: 'Megan Bowen', reason: 'change freeze', since: new Date('2026-03-02T09:00:00Z') } }));
    expectValidCard(card);
    expect(cardText(card)).toContain('Promotions paused by Megan Bowen: change freeze');
    expect(actionByTitle(card, 'Execute promotion')).toMatchObject({ isEnabled: false });
    expect(cardText(card)).toContain('Promotions are paused, so nothing can be promoted until an admin resumes them.');
  });

  it('names the ready subjects under the counts and the Execute action, with Show all for the rest', () => {
    const ready = Array.from({ length: 12 }, (_, i) => ({ typeLabel: 'Settings catalog', displayName: `Policy ${i + 1}`, action: 'create' as const }));
    const card = preflightCard(preflightView({ ready }));
    expectValidCard(card);
    const body = JSON.stringify(card.content.body);
    expect(body.indexOf('Execute promotion')).toBeLessThan(body.indexOf('Will be written to Contoso Production (12 subjects)'));
    expect(body.indexOf('"FactSet"')).toBeLessThan(body.indexOf('Execute promotion'));
    expect(actionByTitle(card, 'Show all 12').type).toBe('Action.ShowCard');
  });

  it('says on a ready subject\'s row what the same run creates first for it', () => {
    const ready = [
      { typeLabel: 'Assignment filter', displayName: 'Kiosk Devices', action: 'create' as const },
      { typeLabel: 'Device configuration', displayName: 'Win - Kiosk Restrictions', action: 'create' as const, note: 'uses assignment filter "Kiosk Devices", created first in this run' },
    ];
    const card = preflightCard(preflightView({ ready }));
    expectValidCard(card);
    expect(cardText(card).split('\n')).toEqual(
      expect.arrayContaining([
        'Create · Assignment filter · Kiosk Devices',
        'Create · Device configuration · Win - Kiosk Restrictions — uses assignment filter "Kiosk Devices", created first in this run',
      ]),
    );
  });

  it('stays under the size limit naming 10,000 ready subjects that each use objects created first', () => {
    const note = `uses ${Array.from({ length: 8 }, (_, i) => `assignment filter "${'Long filter name '.repeat(4)}${i}"`).join(', ')}, created first in this run`;
    const ready = Array.from({ length: 10_000 }, (_, i) => ({ typeLabel: 'Settings catalog', displayName: `${'Long policy name '.repeat(6)}${i}`, action: 'create' as const, note }));
    expectValidCard(preflightCard(preflightView({ ready })));
  });

  it('stays under the size limit naming 10,000 ready subjects', () => {
    const ready = Array.from({ length: 10_000 }, (_, i) => ({ typeLabel: 'Settings catalog', displayName: `${'Long policy name '.repeat(6)}${i}`, action: 'update' as const }));
    const card = preflightCard(preflightView({ ready }));
    expectValidCard(card);
    expect(cardText(card)).toContain('+9960 more; export the preflight for the full list.');
  });
});
