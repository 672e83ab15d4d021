/** Per-tenant tallies of HTTP attempts and 429 answers, for benchmarks and run diagnostics. */
export class RequestCounters {
  private readonly requests = new Map<string, number>();
  private readonly throttles = new Map<string, number>();

  /** Records one HTTP attempt (a retry and a batch POST count as one each). */
  countRequest(tenantId: string): void {
    this.requests.set(tenantId, this.requestCount(tenantId) + 1);
  }

  /** Records one 429, whether it answered a whole request or one item inside a batch. */
  countThrottle(tenantId: string): void {
    this.throttles.set(tenantId, this.throttledCount(tenantId) + 1);
  }

  /** HTTP attempts made for the tenant since the last reset; 0 when none. */
  requestCount(tenantId: string): number {
    return this.requests.get(tenantId) ?? 0;
  }

  /** 429 answers received for the tenant since the last reset; 0 when none. */
  throttledCount(tenantId: string): number {
    return this.throttles.get(tenantId) ?? 0;
  }

  /** Forgets every tally. */
  reset(): void {
    this.requests.clear();
    this.throttles.clear();
  }
}
