import type { Tenant } from '../../core/access/model';
import { GraphClient, type GraphClientOptions } from '../../core/graph/graph-client';
import type { TokenProvider, TokenRequestOptions } from '../../core/graph/token-provider';

/** Graph origin the nock-based suites intercept. */
export const GRAPH = 'https://graph.microsoft.com';

/** Hands out `token-<tenantId>-<n>` (n grows on forceRefresh) and records every call. */
export class FakeTokenProvider implements TokenProvider {
  readonly calls: { tenantId: string; forceRefresh: boolean }[] = [];
  private readonly generations = new Map<string, number>();

  async getToken(tenant: Tenant, opts: TokenRequestOptions = {}): Promise<string> {
    const forceRefresh = opts.forceRefresh === true;
    this.calls.push({ tenantId: tenant.id, forceRefresh });
    const generation = (this.generations.get(tenant.id) ?? 1) + (forceRefresh ? 1 : 0);
    this.generations.set(tenant.id, generation);
    return `token-${tenant.id}-${generation}`;
  }
}

/** A GraphClient on GRAPH with a fake token provider and a sleep that records delays instead of waiting. */
export function makeGraphClient(overrides: Partial<Omit<GraphClientOptions, 'tokens'>> = {}) {
  const tokens = new FakeTokenProvider();
  const sleeps: number[] = [];
  const client = new GraphClient({
    baseUrl: GRAPH,
    tokens,
    random: () => 0.5,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...overrides,
  });
  return { client, tokens, sleeps };
}
