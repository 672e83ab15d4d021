import { z } from 'zod';
/** Stable error codes; the bot maps each to one user answer (bot/answers). */
export type DomainErrorCode =
  | 'not_found'
  | 'forbidden'
  | 'invalid_input'
  | 'stale_preflight'
  | 'graph_permission'
  | 'graph_unavailable'
  | 'conflict';

/** Base of every error the domain raises on purpose; callers branch on `code`, never on message text. */
export abstract class DomainError extends Error {
  abstract readonly code: DomainErrorCode;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The object does not exist, or the actor may not see it: both answer the same (deny-as-not-found). */
export class NotFound extends DomainError {
  readonly code = 'not_found';
  constructor(
    readonly what: 'tenant' | 'workspace' | 'run' | 'subject' | 'export' | 'mapping' | 'watch',
    /** Close names among what the actor may see ("did you mean"); never names anything invisible. */
    readonly suggestions: readonly string[] = [],
  ) {
    super(`${what} not found`);
  }
}

/** The actor may see the object but lacks the capability for this action. */
export class Forbidden extends DomainError {
  readonly code = 'forbidden';
  constructor(readonly capability: string, readonly reason: string) {
    super(reason);
  }
}

/** Input that parsed but makes no sense (same tenant twice, unknown type...). */
export class InvalidInput extends DomainError {
  readonly code = 'invalid_input';
}

/** Graph answered 403: the app registration lacks a permission in that tenant. */
export class GraphPermissionMissing extends DomainError {
  readonly code = 'graph_permission';
  constructor(readonly tenantLabel: string, readonly permissionHint: string, readonly path: string) {
    super(`The app lacks permission ${permissionHint} in tenant ${tenantLabel} (${path}).`);
  }
}

/** Graph could not be reached or kept failing after bounded retries. */
export class GraphUnavailable extends DomainError {
  readonly code = 'graph_unavailable';
  constructor(message: string, readonly status?: number) {
    super(message);
  }
}

// Port vocabulary for a tenant's API (Microsoft Graph): what the promotion and inventory rules may branch on.
// The Graph client adapter raises these; the rules never import the adapter.

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
    readonly method: RequestMethod,
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

/**
 * A write (any method but GET) got no answer — timeout, dropped connection or gateway timeout — so Graph may or may not
 * have applied it. The client does not send it again (a create would happen twice); the caller reads to find out.
 */
export class GraphWriteOutcomeUnknown extends GraphUnavailable {
  constructor(tenantLabel: string, readonly method: RequestMethod, readonly path: string, status?: number) {
    super(`Microsoft Graph did not confirm ${method} ${path} in tenant ${tenantLabel}; it may or may not have been applied.`, status);
  }
}

/** HTTP methods the tenant API port sends. */
export type RequestMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * Microsoft Graph kept failing in a way that passes (throttled, 5xx, timeouts, no connection) after the client's own
 * bounded retries. Nothing was applied by the failed request; trying again later is the right answer, not a failure.
 */
export class TenantUnreachable extends GraphUnavailable {}
