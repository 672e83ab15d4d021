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
