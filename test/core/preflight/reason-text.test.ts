import { describe, expect, it } from 'vitest';
import { BLOCKED_REASONS } from '../../../core/preflight/model';
import { blockedReasonText, mappingGapText } from '../../../core/preflight/reason-text';

describe('reason text', () => {
  it('explains every blocked reason in one distinct sentence', () => {
    const texts = BLOCKED_REASONS.map(blockedReasonText);
    expect(new Set(texts).size).toBe(BLOCKED_REASONS.length);
    for (const text of texts) expect(text).toMatch(/^[A-Z][^]*\.$/);
  });

  it('names the missing object by kind and name', () => {
    expect(
      mappingGapText({ kind: 'group', sourceId: 'g1', sourceName: 'Pilot users', problem: 'missing_in_target' }),
    ).toBe('Group "Pilot users" does not exist in the target tenant.');
    expect(
      mappingGapText({ kind: 'namedLocation', sourceId: 'n1', sourceName: 'HQ', problem: 'ambiguous_in_target' }),
    ).toBe('Named location "HQ" matches several objects of the same name in the target tenant.');
  });

  it('falls back to the source id when the source name is unknown', () => {
    expect(
      mappingGapText({
        kind: 'assignmentFilter',
        sourceId: 'f-9',
        sourceName: undefined,
        problem: 'unknown_in_source',
      }),
    ).toBe("Assignment filter f-9 could not be found in the source tenant's inventory.");
    expect(
      mappingGapText({ kind: 'scopeTag', sourceId: '4', sourceName: 'Berlin', problem: 'mapped_target_missing' }),
    ).toBe('Scope tag "Berlin" is mapped to a target object that no longer exists.');
  });
});
