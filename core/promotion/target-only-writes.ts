import type { Tenant } from '../access/model';
import type { TenantId } from '../ids';
import type { GraphRequestSpec } from '../subjects/subject-type';
import type { PromotionGraph } from './promotion-graph';

/** A write was about to reach a tenant other than the run's target. A defect, never an outcome: the run must stop. */
export class SourceWriteRefused extends Error {
  constructor(readonly tenantId: string, readonly method: GraphRequestSpec['method'], readonly path: string) {
    super(`Refused ${method} ${path.split('?')[0]} for tenant ${tenantId}: a promotion writes to its target tenant only.`);
    this.name = 'SourceWriteRefused';
  }
}

/** The tenants of one run: reads may go to both, writes to the target only. */
export interface WriteScope {
  sourceTenantId: TenantId;
  targetTenantId: TenantId;
}

/** Throws SourceWriteRefused when a non-GET request is addressed to the source tenant or to any tenant but the target. */
export function assertWriteAllowed(scope: WriteScope, tenant: Pick<Tenant, 'id'>, spec: GraphRequestSpec): void {
  if (spec.method === 'GET') return;
  if (tenant.id === scope.sourceTenantId || tenant.id !== scope.targetTenantId) {
    throw new SourceWriteRefused(tenant.id, spec.method, spec.path);
  }
}

/** The graph with every request checked by assertWriteAllowed before it is sent. */
export function targetOnlyWrites(graph: PromotionGraph, scope: WriteScope): PromotionGraph {
  return {
    request: async (tenant, spec) => {
      assertWriteAllowed(scope, tenant, spec);
      return graph.request(tenant, spec);
    },
    listAll: (tenant, pathWithQuery) => graph.listAll(tenant, pathWithQuery),
  };
}
