import { z } from 'zod';
import { DomainError, GraphPermissionMissing, GraphUnavailable } from '../errors';
import type { GraphRequestSpec } from '../subjects/subject-type';
import { permissionHint } from './permission-hints';

const GraphErrorBody = z.object({
  error: z.object({
    code: z.string().optional(),
    message: z.string().optional(),
  }),
});

/** Graph's own error code and message from an error body; both undefined when the body is not Graph's shape. */
export function parseGraphError(body: unknown): { graphCode?: string; graphMessage?: string } {
  const parsed = GraphErrorBody.safeParse(body);
  if (!parsed.success) return {};
  return { graphCode: parsed.data.error.code, graphMessage: parsed.data.error.message };
}

/**
 * Graph answered a final 4xx/5xx that is neither a missing permission nor transient (400, 404, 409, a second 401...).
 * Carries what the executor needs to explain an item failure; never the token.
 */
export class GraphRequestFailed extends DomainError {
  readonly code = 'graph_unavailable';
  readonly graphCode?: string;
  readonly graphMessage?: string;
  constructor(
    readonly status: number,
    readonly method: GraphRequestSpec['method'],
    readonly path: string,
    body: unknown,
  ) {
    const { graphCode, graphMessage } = parseGraphError(body);
    const detail = [graphCode, graphMessage].filter(Boolean).join(': ');
    super(`Microsoft Graph answered ${status} to ${method} ${path}${detail ? ` (${detail})` : ''}.`);
    this.graphCode = graphCode;
    this.graphMessage = graphMessage;
  }
}

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

/**
 * A write (any method but GET) got no answer — timeout, dropped connection or gateway timeout — so Graph may or may not
 * have applied it. The client does not send it again (a create would happen twice); the caller reads to find out.
 */
export class GraphWriteOutcomeUnknown extends GraphUnavailable {
  constructor(tenantLabel: string, readonly method: GraphRequestSpec['method'], readonly path: string, status?: number) {
    super(`Microsoft Graph did not confirm ${method} ${path} in tenant ${tenantLabel}; it may or may not have been applied.`, status);
  }
}
