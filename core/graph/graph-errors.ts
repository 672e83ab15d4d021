import { DomainError, GraphPermissionMissing, GraphRequestFailed } from '../errors';
import type { GraphRequestSpec } from '../subjects/subject-type';
import { permissionHint } from './permission-hints';

// The classes the promotion and inventory rules see are port vocabulary (core/errors); this adapter raises them.
export { GraphRequestFailed, GraphWriteOutcomeUnknown, parseGraphError } from '../errors';

/** No token could be obtained for a tenant: credentials not configured, or the identity platform refused them. */
export class GraphTokenUnavailable extends DomainError {
  readonly code = 'graph_unavailable';
  constructor(readonly tenantLabel: string, readonly reason: string) {
    super(`Could not sign in to tenant ${tenantLabel}: ${reason}.`);
  }
}

/**
 * The error a final non-2xx answer stands for: 403 → GraphPermissionMissing with a permission hint,
 * anything else → GraphRequestFailed. Also for callers explaining a failed item of a batch.
 */
export function errorForFailedResponse(
  tenantLabel: string,
  method: GraphRequestSpec['method'],
  path: string,
  response: { status: number; body: unknown },
): GraphPermissionMissing | GraphRequestFailed {
  if (response.status === 403) {
    const pathname = path.split('?')[0]!;
    return new GraphPermissionMissing(tenantLabel, permissionHint(method, pathname), pathname);
  }
  return new GraphRequestFailed(response.status, method, path, response.body);
}

