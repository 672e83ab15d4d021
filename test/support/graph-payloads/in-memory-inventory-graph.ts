// An in-memory InventoryGraph for reader tests.
import type { Tenant } from '../../../core/access/model';
import type { BatchAnswer, InventoryGraph } from '../../../core/inventory/inventory-graph';
import type { GraphJson, GraphRequestSpec } from '../../../core/subjects/subject-type';

/** Routes answered by InMemoryInventoryGraph: collection items by list path, bodies by GET path. */
export interface InMemoryRoutes {
  collections?: Record<string, GraphJson[]>;
  objects?: Record<string, { status?: number; body: unknown }>;
}

/** An InventoryGraph over fixed routes that records every call; unknown list paths answer an empty collection. */
export class InMemoryInventoryGraph implements InventoryGraph {
  readonly listCalls: string[] = [];
  readonly batchCalls: GraphRequestSpec[][] = [];

  constructor(private readonly routes: InMemoryRoutes) {}

  async listAll(_tenant: Tenant, pathWithQuery: string): Promise<GraphJson[]> {
    this.listCalls.push(pathWithQuery);
    return structuredClone(this.routes.collections?.[pathWithQuery] ?? []);
  }

  async batch(_tenant: Tenant, requests: GraphRequestSpec[]): Promise<BatchAnswer[]> {
    this.batchCalls.push(requests);
    return requests.map((r) => {
      const object = this.routes.objects?.[r.path];
      if (object) return { status: object.status ?? 200, body: structuredClone(object.body) };
      const items = this.routes.collections?.[r.path];
      return items ? { status: 200, body: { value: structuredClone(items) } } : { status: 404, body: { error: { code: 'NotFound' } } };
    });
  }
}
