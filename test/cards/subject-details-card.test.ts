import { describe, expect, it } from 'vitest';
import { MAX_DIFFERENCE_ROWS, subjectDetailsCard } from '../../cards/subject-details-card';
import { actionByTitle, cardText, expectValidCard, texts } from '../support/cards';
import { many, PRODUCTION_ID, STAGING_ID, subjectDetailsView } from '../support/card-view-models';

describe('subject details card', () => {
  it('shows the state and each differing setting with its source and target value', () => {
    const card = subjectDetailsCard(subjectDetailsView());
    expectValidCard(card);
    const text = texts(card);
    expect(text).toContain('Win11 Baseline');
    expect(text).toContain('Different · 3 settings differ');
    expect(text).toContain('Source: Contoso Staging');
    expect(text).toContain('Target: Contoso Production');
    const first = text.indexOf('passwordMinimumLength');
    expect(text.slice(first, first + 3)).toEqual(['passwordMinimumLength', '14', '8']);
    expect(text.filter((t) => t === '(not set)')).toHaveLength(2);
  });

  it('goes back to the same compare page', () => {
    const card = subjectDetailsCard(subjectDetailsView({ registry: { filter: '', page: 1 } }));
    expect(actionByTitle(card, 'Back to compare')).toMatchObject({
      verb: 'compare.page',
      data: {
        selection: { sourceTenantId: STAGING_ID, targetTenantId: PRODUCTION_ID, types: ['settingsCatalog', 'compliancePolicy'], includeAssignments: true },
        page: 2,
        registry: { filter: '', page: 1 },
      },
    });
  });

  it('explains a subject missing in the target and assignment differences', () => {
    const card = subjectDetailsCard(subjectDetailsView({ state: 'missing_in_target', differences: [], assignmentsDiffer: true }));
    expectValidCard(card);
    expect(cardText(card)).toContain('a promotion would create it. The assignments differ.');
    expect(texts(card)).not.toContain('Setting');
  });

  it('bounds the rows and shortens long values, with "+N more" for the rest', () => {
    const long = 'x'.repeat(5000);
    const differences = many(3000, (i) => ({ path: `settings[${i}].${long}`, sourceValue: long, targetValue: long }));
    const card = subjectDetailsCard(subjectDetailsView({ differences, totalDifferences: 4000 }));
    expectValidCard(card);
    expect(texts(card).filter((t) => t.startsWith('settings['))).toHaveLength(MAX_DIFFERENCE_ROWS);
    expect(cardText(card)).toContain(`+${4000 - MAX_DIFFERENCE_ROWS} more rows; Export CSV on the compare card lists every setting.`);
    expect(cardText(card)).toContain('Different · 4000 settings differ');
  });

  it('names added and removed assignments as rows, and counts settings to create for a subject missing in the target', () => {
    const differences = [
      { path: 'defender_allowrealtimemonitoring', sourceValue: '1', targetValue: undefined },
      { path: 'assignments', sourceValue: 'include group Intune - Pilot Devices, filter Windows 11 Corporate (include)', targetValue: undefined },
    ];
    const card = subjectDetailsCard(subjectDetailsView({ state: 'missing_in_target', differences, totalDifferences: 1 }));
    expectValidCard(card);
    const text = texts(card);
    expect(text).toContain('Missing in target · 1 setting would be created · assignments differ');
    const at = text.indexOf('Assignment');
    expect(text.slice(at, at + 3)).toEqual(['Assignment', 'include group Intune - Pilot Devices, filter Windows 11 Corporate (include)', '(not set)']);
    expect(cardText(card)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it('keeps the end of a long setting path, which tells two settings apart', () => {
    const path = `defender_attacksurfacereductionrules › ${'x'.repeat(200)}blockexecutablecontentfromemailclient`;
    const card = subjectDetailsCard(subjectDetailsView({ differences: [{ path, sourceValue: 'block', targetValue: 'audit' }] }));
    expect(texts(card).find((t) => t.startsWith('defender_attacksurfacereductionrules'))).toMatch(/…x*blockexecutablecontentfromemailclient$/);
  });

  it('says why nothing is listed when the subject differs only in values that mean "not configured"', () => {
    const card = subjectDetailsCard(subjectDetailsView({ differences: [], totalDifferences: 0 }));
    expectValidCard(card);
    expect(cardText(card)).toContain('Differs only in values that mean "not configured" on each side (absent, empty or null), so no setting is listed.');
  });
});
