import { describe, expect, it } from 'vitest';
import { normaliseSubject } from '../../../../core/inventory/normalise';
import { securityIntent } from '../../../../core/subjects/types/security-intent';
import { SOURCE, SOURCE_RECREATED, securityIntent as fixture, sourceToTarget } from '../../../support/graph-payloads';

const full = (side = SOURCE) => {
  const { listed, settings, assignments } = fixture(side);
  return { ...listed, settings, assignments };
};

describe('legacy security intent subject type', () => {
  it('reads settings and assignments per intent and matches intents by template', () => {
    expect(securityIntent.detailReads.map((r) => r.property)).toEqual(['settings', 'assignments']);
    expect(securityIntent.kindKey(full())).toBe('d1174162-1dd2-4976-affc-6667049ab0ae');
  });

  it('hashes a re-created intent the same and names its assigned group', () => {
    const subject = normaliseSubject(securityIntent, full());
    expect(normaliseSubject(securityIntent, full(SOURCE_RECREATED)).contentHash).toBe(subject.contentHash);
    expect(subject.payload).not.toHaveProperty('isMigratingToConfigurationPolicy');
    expect(subject.references).toEqual([{ kind: 'group', id: SOURCE.groupId }]);
  });

  it('is compared but not promoted, and says why', () => {
    expect(securityIntent.notPromotableReason).toMatch(/settings catalog/);
    expect(() => securityIntent.updateRequests('x', {}, sourceToTarget)).toThrow(/cannot be updated/);
    expect(() => securityIntent.assignRequest('x', [], sourceToTarget)).toThrow(/cannot be assigned/);
  });
});
