import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Tenant } from '../access/model';
import { GraphUnavailable, TenantUnreachable } from '../errors';
import type { GraphJson, GraphRequestSpec } from '../subjects/subject-type';
import { batchRequestBody, parseBatchResponse, planBatches, splitVersion, type BatchEntry } from './batch';
import { errorForFailedResponse, GraphWriteOutcomeUnknown } from './graph-errors';
import { isSuccess, type GraphResponse } from './graph-response';
import { performAttempt } from './http-attempt';
import { RequestCounters } from './request-counters';
import { decideRetry, isRetryable, leavesWriteOutcomeUnknown, type AttemptFailure, type RetryLimits } from './retry-policy';
import type { TokenProvider } from './token-provider';

export type { GraphResponse } from './graph-response';

/** Construction options; everything but `baseUrl` and `tokens` has a production default. */
export interface GraphClientOptions {
  /** Origin of Graph, e.g. https://graph.microsoft.com or the sandbox's http://127.0.0.1:PORT. */
  baseUrl: string;
  tokens: TokenProvider;
  timeoutMs?: number;
  maxRetries?: number;
  maxRetryDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  fetch?: typeof fetch;
  now?: () => number;
  random?: () => number;
}

const GraphPage = z.object({
  value: z.array(z.record(z.unknown())),
  '@odata.nextLink': z.string().optional(),
});

const FAILURE_TEXT: Record<Exclude<AttemptFailure, number>, string> = {
  timeout: 'did not answer in time',
  network_error: 'could not be reached',
};

function describeFailure(failure: AttemptFailure): string {
  return typeof failure === 'number' ? `kept answering ${failure}` : FAILURE_TEXT[failure];
}

/**
 * Microsoft Graph over fetch: paging, JSON batching, bounded retries of 429/503/504 and timeouts honouring
 * Retry-After (a write that got no answer is never sent again), one token refresh on 401, typed errors, and one
 * `client-request-id` per request across its attempts. The bearer token only ever goes to `baseUrl`'s origin.
 */
export class GraphClient {
  private readonly base: string;
  private readonly origin: string;
  private readonly limits: RetryLimits;
  private readonly timeoutMs: number;
  private readonly fetchFn: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly counters = new RequestCounters();

  constructor(private readonly options: GraphClientOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '');
    this.origin = new URL(options.baseUrl).origin;
    this.limits = { maxRetries: options.maxRetries ?? 5, maxRetryDelayMs: options.maxRetryDelayMs ?? 60_000 };
    this.timeoutMs = options.timeoutMs ?? 30_000;
    // Looked up per call so an interceptor installed after construction (nock, a proxy agent) still applies.
    this.fetchFn = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
  }

  /**
   * Every item of a collection, following `@odata.nextLink` page by page. Accepts a versioned path or an absolute
   * URL on the Graph origin (e.g. a nextLink found in a batch answer); refuses links to any other origin.
   */
  async listAll(tenant: Tenant, pathWithQuery: string): Promise<GraphJson[]> {
    const items: GraphJson[] = [];
    const seen = new Set<string>();
    let url: string | undefined = this.resolve(pathWithQuery);
    while (url !== undefined) {
      if (seen.has(url)) throw new GraphUnavailable(`Microsoft Graph returned a nextLink loop at ${new URL(url).pathname}.`);
      seen.add(url);
      const response = await this.send(tenant, 'GET', url, undefined, true);
      const page = GraphPage.safeParse(response.body);
      if (!page.success) throw new GraphUnavailable(`Microsoft Graph answered ${new URL(url).pathname} with something other than a collection page.`);
      items.push(...page.data.value);
      const next = page.data['@odata.nextLink'];
      url = next === undefined ? undefined : this.resolve(new URL(next, url).href);
    }
    return items;
  }

  /**
   * One request; resolves with a 2xx answer, otherwise rejects with GraphPermissionMissing, GraphRequestFailed or
   * GraphUnavailable. A write that got no answer is not sent again: it rejects with GraphWriteOutcomeUnknown.
   */
  async request(tenant: Tenant, spec: GraphRequestSpec): Promise<GraphResponse> {
    return this.send(tenant, spec.method, this.resolve(spec.path), spec.body, spec.method === 'GET');
  }

  /**
   * Many requests through JSON `$batch` (per API version, 20 per POST); answers come back in input order.
   * Items answered 429/503/504 are sent again in a follow-up batch after their Retry-After; other item failures are
   * returned as they are (see errorForFailedResponse). Rejects with GraphUnavailable when items stay throttled.
   */
  async batch(tenant: Tenant, requests: readonly GraphRequestSpec[]): Promise<GraphResponse[]> {
    const answers: GraphResponse[] = new Array(requests.length);
    let pending: BatchEntry[] = requests.map((spec, index) => ({ index, spec }));
    for (let round = 1; pending.length > 0; round++) {
      const again: BatchEntry[] = [];
      let delayMs = 0;
      for (const chunk of planBatches(pending)) {
        const reads = chunk.entries.every((entry) => entry.spec.method === 'GET');
        const posted = await this.send(tenant, 'POST', this.resolve(`/${chunk.version}/$batch`), batchRequestBody(chunk), reads);
        for (const [index, answer] of parseBatchResponse(chunk, posted.body)) {
          if (answer.status === 429) this.counters.countThrottle(tenant.id);
          if (!isRetryable(answer.status)) {
            const { spec } = chunk.entries.find((e) => e.index === index)!;
            answers[index] = answer.status >= 400 ? { ...answer, error: errorForFailedResponse(tenant.displayName, spec.method, spec.path, answer) } : answer;
            continue;
          }
          const decision = decideRetry(
            { attempt: round, failure: answer.status, retryAfter: answer.headers['retry-after'], now: this.now(), random: this.random() },
            this.limits,
          );
          if (!decision.retry) {
            throw new TenantUnreachable(`Microsoft Graph ${describeFailure(answer.status)} inside a $batch for tenant ${tenant.displayName}.`, answer.status);
          }
          delayMs = Math.max(delayMs, decision.delayMs);
          again.push(chunk.entries.find((e) => e.index === index)!);
        }
      }
      if (again.length > 0) await this.sleep(delayMs);
      pending = again;
    }
    return answers;
  }

  /** HTTP attempts made for the tenant (retries and batch POSTs count one each) since the last reset. */
  requestCount(tenantId: string): number {
    return this.counters.requestCount(tenantId);
  }

  /** 429 answers received for the tenant, including those of batch items, since the last reset. */
  throttledCount(tenantId: string): number {
    return this.counters.throttledCount(tenantId);
  }

  /** Sets every tenant's counts back to zero. */
  resetCounts(): void {
    this.counters.reset();
  }

  /** An absolute URL on the Graph origin: versioned paths are joined to the base URL, absolute URLs must already be on it. */
  private resolve(pathOrUrl: string): string {
    if (!/^https?:\/\//i.test(pathOrUrl)) {
      splitVersion(pathOrUrl);
      return `${this.base}${pathOrUrl}`;
    }
    const target = new URL(pathOrUrl);
    if (target.origin !== this.origin) {
      throw new GraphUnavailable(`Refused to follow a Graph link to ${target.origin}: only ${this.origin} receives the tenant's token.`);
    }
    return target.href;
  }

  /** `resendable`: the request only reads, so an attempt that got no answer may be sent again. */
  private async send(tenant: Tenant, method: GraphRequestSpec['method'], url: string, body: unknown, resendable: boolean): Promise<GraphResponse> {
    const { pathname, search } = new URL(url);
    let attempt = 1;
    let refreshed = false;
    let forceRefresh = false;
    const clientRequestId = randomUUID();
    for (;;) {
      const token = await this.options.tokens.getToken(tenant, forceRefresh ? { forceRefresh: true } : undefined);
      forceRefresh = false;
      this.counters.countRequest(tenant.id);
      const outcome = await performAttempt(this.fetchFn, { method, url, token, body, timeoutMs: this.timeoutMs, clientRequestId });
      let failure: AttemptFailure;
      let retryAfter: string | undefined;
      if (outcome.kind === 'response') {
        const response = outcome.response;
        if (isSuccess(response)) return response;
        if (response.status === 401 && !refreshed) {
          refreshed = forceRefresh = true;
          continue;
        }
        if (response.status === 429) this.counters.countThrottle(tenant.id);
        if (!isRetryable(response.status)) throw errorForFailedResponse(tenant.displayName, method, `${pathname}${search}`, response);
        failure = response.status;
        retryAfter = response.headers['retry-after'];
      } else {
        failure = outcome.kind;
      }
      if (!resendable && leavesWriteOutcomeUnknown(failure)) {
        throw new GraphWriteOutcomeUnknown(tenant.displayName, method, pathname, typeof failure === 'number' ? failure : undefined);
      }
      const decision = decideRetry({ attempt, failure, retryAfter, now: this.now(), random: this.random() }, this.limits);
      if (!decision.retry) {
        const status = typeof failure === 'number' ? failure : undefined;
        throw new TenantUnreachable(
          `Microsoft Graph ${describeFailure(failure)} for ${method} ${pathname} in tenant ${tenant.displayName} (${attempt} attempts).`,
          status,
        );
      }
      await this.sleep(decision.delayMs);
      attempt += 1;
    }
  }
}
