/**
 * Token bucket per tenant: `perSecond` writes per second with a burst of the same size.
 * `take` answers undefined when the write may proceed, else the whole seconds to wait (Retry-After).
 */
export class WriteRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly perSecond: number) {
    if (!(perSecond > 0)) throw new RangeError('writeRateLimit.perSecond must be positive');
  }

  /** Consumes one write token of the tenant at time `nowMs`; undefined when granted, else seconds to wait. */
  take(tenantId: string, nowMs: number): number | undefined {
    const previous = this.buckets.get(tenantId) ?? { tokens: this.perSecond, at: nowMs };
    const tokens = Math.min(this.perSecond, previous.tokens + ((nowMs - previous.at) / 1000) * this.perSecond);
    if (tokens >= 1) {
      this.buckets.set(tenantId, { tokens: tokens - 1, at: nowMs });
      return undefined;
    }
    this.buckets.set(tenantId, { tokens, at: nowMs });
    return Math.max(1, Math.ceil((1 - tokens) / this.perSecond));
  }
}
