import { describe, expect, it } from 'vitest';
import { contentMatches, itemTranslator } from '../../../core/promotion/written-content';

describe('written content matching', () => {
  it('ignores members Graph adds on its own but not a member that differs', () => {
    const sent = { name: 'Baseline', templateReference: { templateId: 't1' } };
    expect(contentMatches(sent, { name: 'Baseline', templateReference: { templateId: 't1', templateFamily: 'none' }, platforms: 'windows10' })).toBe(true);
    expect(contentMatches(sent, { name: 'Baseline', templateReference: { templateId: 't2' } })).toBe(false);
    expect(contentMatches(sent, { templateReference: { templateId: 't1' } })).toBe(false);
  });

  it('matches lists regardless of order but requires as many members', () => {
    expect(contentMatches({ settings: [{ id: 'a' }, { id: 'b' }] }, { settings: [{ id: 'b' }, { id: 'a' }] })).toBe(true);
    expect(contentMatches({ settings: [{ id: 'a' }, { id: 'b' }] }, { settings: [{ id: 'a' }, { id: 'b' }, { id: 'c' }] })).toBe(false);
    expect(contentMatches({ settings: [{ id: 'a' }, { id: 'a' }] }, { settings: [{ id: 'a' }, { id: 'b' }] })).toBe(false);
  });

  it('treats null as matching an absent member', () => {
    expect(contentMatches({ description: null }, {})).toBe(true);
    expect(contentMatches({ description: null }, { description: 'x' })).toBe(false);
  });
});

describe('item translator', () => {
  const translate = itemTranslator({ referenceMap: { 's-grp': 't-grp', '7': '12' } });

  it('maps resolved references, keeps universal ids and leaves everything else unmapped', () => {
    expect(translate({ kind: 'group', id: 's-grp' })).toBe('t-grp');
    expect(translate({ kind: 'scopeTag', id: '7' })).toBe('12');
    expect(translate({ kind: 'scopeTag', id: '0' })).toBe('0');
    expect(translate({ kind: 'group', id: 'unknown' })).toBeUndefined();
  });
});
