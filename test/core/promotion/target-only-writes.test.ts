import { describe, expect, it } from 'vitest';
import { assertWriteAllowed, SourceWriteRefused, targetOnlyWrites } from '../../../core/promotion/target-only-writes';
import { TenantId } from '../../../core/ids';
import { FakeIntuneGraph } from '../../support/fake-intune-graph';
import { PATHS, restrictions, SOURCE, TARGET } from '../../support/promotion-fixtures';

const scope = { sourceTenantId: SOURCE.id, targetTenantId: TARGET.id };
const elsewhere = { ...TARGET, id: TenantId('cccccccc-0000-4000-8000-00000000000c'), displayName: 'Fabrikam' };

describe('target-only write guard', () => {
  it.each(['POST', 'PATCH', 'PUT', 'DELETE'] as const)('refuses %s to the source tenant', (method) => {
    expect(() => assertWriteAllowed(scope, SOURCE, { method, path: `${PATHS.deviceConfiguration}/x`, body: {} })).toThrow(SourceWriteRefused);
  });

  it('refuses writes to a tenant that is not the run target, and allows reads of the source and writes to the target', () => {
    expect(() => assertWriteAllowed(scope, elsewhere, { method: 'POST', path: PATHS.deviceConfiguration })).toThrow(SourceWriteRefused);
    expect(() => assertWriteAllowed(scope, SOURCE, { method: 'GET', path: PATHS.deviceConfiguration })).not.toThrow();
    expect(() => assertWriteAllowed(scope, TARGET, { method: 'PATCH', path: `${PATHS.deviceConfiguration}/x` })).not.toThrow();
  });

  it('never lets a refused write reach Graph, while reads and target writes pass through', async () => {
    const graph = new FakeIntuneGraph().seed(SOURCE.id, PATHS.deviceConfiguration, restrictions('s-1', 'Restrictions', {}));
    const guarded = targetOnlyWrites(graph, scope);

    await expect(guarded.request(SOURCE, { method: 'PATCH', path: `${PATHS.deviceConfiguration}/s-1`, body: { displayName: 'x' } })).rejects.toThrow(
      /Refused PATCH .* for tenant aaaaaaaa.*: a promotion writes to its target tenant only/,
    );
    expect(graph.requests).toEqual([]);
    expect(graph.object(SOURCE.id, PATHS.deviceConfiguration, 's-1')?.displayName).toBe('Restrictions');

    await guarded.request(SOURCE, { method: 'GET', path: `${PATHS.deviceConfiguration}/s-1` });
    await guarded.request(TARGET, { method: 'POST', path: PATHS.deviceConfiguration, body: { displayName: 'New' } });
    expect(graph.requests.map((r) => [r.tenantId, r.method])).toEqual([[SOURCE.id, 'GET'], [TARGET.id, 'POST']]);
  });
});
