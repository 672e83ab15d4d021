import type { Tenant } from '../access/model';
import type { TokenProvider, TokenRequestOptions } from './token-provider';

/**
 * Deterministic tokens for the local Graph sandbox and tests: `sandbox-token-<tenantId>-<n>`,
 * where n starts at 1 and grows with every forced refresh, so a 401 → refresh is observable.
 */
export class StaticTokenProvider implements TokenProvider {
  private readonly generations = new Map<string, number>();

  /** The current token of `tenant`, or the next one when `forceRefresh` is set. */
  async getToken(tenant: Tenant, opts: TokenRequestOptions = {}): Promise<string> {
    const current = this.generations.get(tenant.id) ?? 1;
    const generation = opts.forceRefresh ? current + 1 : current;
    this.generations.set(tenant.id, generation);
    return StaticTokenProvider.tokenFor(tenant.id, generation);
  }

  /** The token string the provider hands out for a tenant at a given generation (for the sandbox to accept). */
  static tokenFor(tenantId: string, generation: number): string {
    return `sandbox-token-${tenantId}-${generation}`;
  }
}
