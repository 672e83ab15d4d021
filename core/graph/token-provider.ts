import type { Tenant } from '../access/model';

/** Options of one token request. */
export interface TokenRequestOptions {
  /** Skip any cached token and obtain a fresh one (after Graph answered 401). */
  forceRefresh?: boolean;
}

/** Port: an app-only Microsoft Graph access token for a managed tenant. Tokens are never logged nor stored. */
export interface TokenProvider {
  /** A bearer token for `tenant`; rejects with a DomainError when none can be obtained. */
  getToken(tenant: Tenant, opts?: TokenRequestOptions): Promise<string>;
}
