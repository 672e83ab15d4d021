import type { Tenant } from '../access/model';
import type { GraphResponse } from '../graph/graph-response';
import type { GraphJson, GraphRequestSpec } from '../subjects/subject-type';

/** What a promotion run needs from Microsoft Graph; core/graph's GraphClient satisfies it as it is. */
export interface PromotionGraph {
  /** One request; resolves with a 2xx answer, rejects with GraphRequestFailed, GraphPermissionMissing or GraphUnavailable. */
  request(tenant: Tenant, spec: GraphRequestSpec): Promise<GraphResponse>;
  /** Every item of a collection (versioned path with query), all pages followed; rejects like `request`. */
  listAll(tenant: Tenant, pathWithQuery: string): Promise<GraphJson[]>;
}
