import { describe, expect, it } from 'vitest';
import { normaliseSubject } from '../../../../core/inventory/normalise';
import { administrativeTemplate } from '../../../../core/subjects/types/administrative-template';
import { SOURCE, SOURCE_RECREATED, administrativeTemplate as fixture, sourceToTarget } from '../../../support/graph-payloads';

const full = (side = SOURCE) => ({ ...fixture(side).listed, definitionValues: fixture(side).definitionValues });

describe('administrative template subject type', () => {
  it('reads definition values per policy with their definition names', () => {
    const [read] = administrativeTemplate.detailReads;
    expect(read?.property).toBe('definitionValues');
    expect(read?.path('g1')).toMatch(/^\/beta\/deviceManagement\/groupPolicyConfigurations\/g1\/definitionValues\?\$expand=definition/);
  });

  it('compares values without their ids and timestamps', () => {
    const subject = normaliseSubject(administrativeTemplate, full());
    expect(JSON.stringify(subject.payload)).not.toMatch(/"id"|DateTime/);
    expect(normaliseSubject(administrativeTemplate, full(SOURCE_RECREATED)).contentHash).toBe(subject.contentHash);
    expect(subject.references).toContainEqual({ kind: 'group', id: SOURCE.groupId });
  });

  it('is compared but not promoted, and says why', () => {
    expect(administrativeTemplate.notPromotableReason).toMatch(/definition/);
    expect(() => administrativeTemplate.createRequests({}, sourceToTarget)).toThrow(/cannot be created/);
  });
});
