import type { Tenant } from '../access/model';
import type { DomainError } from '../errors';
import type { GraphJson, GraphRequestSpec } from '../subjects/subject-type';

/** One answer of a batched request: its HTTP status and parsed JSON body. */
export interface BatchAnswer {
  status: number;
  body: unknown;
  /** A failed item explained by the adapter in port vocabulary (a missing permission names the permission). */
  error?: DomainError;
}

/** What reading an inventory needs from Microsoft Graph (implemented by core/graph's client, faked in tests). */
export interface InventoryGraph {
  /** Every item of a collection (`/beta/...` or `/v1.0/...` with query), all pages followed; rejects with a DomainError on failure. */
  listAll(tenant: Tenant, pathWithQuery: string): Promise<GraphJson[]>;
  /**
   * The requests sent through JSON `$batch` (the implementation splits them into batches of 20 and retries throttled
   * items); answers come back in request order, failed items as their status, not as a rejection.
   */
  batch(tenant: Tenant, requests: GraphRequestSpec[]): Promise<BatchAnswer[]>;
}
