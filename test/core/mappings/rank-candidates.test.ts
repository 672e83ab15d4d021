import { describe, expect, it } from 'vitest';
import { rankCandidates } from '../../../core/mappings/rank-candidates';
import type { ReferenceObject } from '../../../core/subjects/references';

const objects: ReferenceObject[] = [
  { kind: 'group', id: '1', displayName: 'Intune - All Corporate Devices' },
  { kind: 'group', id: '2', displayName: 'Finance Team' },
  { kind: 'group', id: '3', displayName: 'Laptops - Finance EU' },
  { kind: 'scopeTag', id: '4', displayName: 'Finance Laptops' },
  { kind: 'group', id: '5', displayName: 'CA - Break Glass Accounts' },
];

describe('ranking the target objects offered for a mapping', () => {
  it('offers only objects of the same kind, those sharing most words with the source name first, then by name', () => {
    expect(rankCandidates(objects, 'group', 'Finance Laptops').map((o) => o.id)).toEqual(['3', '2', '5', '1']);
  });

  it('is alphabetical when no name shares a word', () => {
    expect(rankCandidates(objects, 'group', 'Kiosk').map((o) => o.displayName)).toEqual(['CA - Break Glass Accounts', 'Finance Team', 'Intune - All Corporate Devices', 'Laptops - Finance EU']);
  });
});
