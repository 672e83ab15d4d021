import nock from 'nock';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { GraphPermissionMissing, GraphUnavailable, InvalidInput } from '../../../core/errors';
import { GraphRequestFailed, GraphWriteOutcomeUnknown } from '../../../core/graph/graph-errors';
import { TenantId } from '../../../core/ids';
import { GRAPH, makeGraphClient } from '../../support/graph-fixtures';
import { makeTenant } from '../../support/tenant-fixtures';

const tenant = makeTenant();
const POLICIES = '/beta/deviceManagement/configurationPolicies';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('listAll', () => {
  it('collects every item across three pages by following @odata.nextLink', async () => {
    const { client } = makeGraphClient();
    nock(GRAPH)
      .get(POLICIES)
      .reply(200, { value: [{ id: 'a' }, { id: 'b' }], '@odata.nextLink': `${GRAPH}${POLICIES}?$skiptoken=p2` })
      .get(POLICIES)
      .query({ $skiptoken: 'p2' })
      .reply(200, { value: [{ id: 'c' }], '@odata.nextLink': `${GRAPH}${POLICIES}?$skiptoken=p3` })
      .get(POLICIES)
      .query({ $skiptoken: 'p3' })
      .reply(200, { value: [{ id: 'd' }] });

    const items = await client.listAll(tenant, POLICIES);

    expect(items.map((i) => i.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(nock.isDone()).toBe(true);
    expect(client.requestCount(tenant.id)).toBe(3);
  });

  it('sends the tenant token and keeps the query of the first request', async () => {
    const { client } = makeGraphClient();
    nock(GRAPH)
      .matchHeader('authorization', `Bearer token-${tenant.id}-1`)
      .get(POLICIES)
      .query({ $expand: 'assignments' })
      .reply(200, { value: [{ id: 'a' }] });

    await expect(client.listAll(tenant, `${POLICIES}?$expand=assignments`)).resolves.toEqual([{ id: 'a' }]);
  });

  it('refuses a nextLink to another origin and never sends the token there', async () => {
    const { client } = makeGraphClient();
    nock(GRAPH)
      .get(POLICIES)
      .reply(200, { value: [{ id: 'a' }], '@odata.nextLink': 'https://evil.example.com/beta/deviceManagement/configurationPolicies?p=2' });
    const foreign = nock('https://evil.example.com').get(/.*/).reply(200, { value: [] });

    await expect(client.listAll(tenant, POLICIES)).rejects.toThrow(/Refused to follow a Graph link to https:\/\/evil\.example\.com/);
    expect(foreign.isDone()).toBe(false);
  });

  it('rejects a page that is not a collection', async () => {
    const { client } = makeGraphClient();
    nock(GRAPH).get(POLICIES).reply(200, { id: 'not-a-page' });

    await expect(client.listAll(tenant, POLICIES)).rejects.toBeInstanceOf(GraphUnavailable);
  });

  it('rejects a path without an API version before sending anything', async () => {
    const { client } = makeGraphClient();

    await expect(client.listAll(tenant, '/deviceManagement/configurationPolicies')).rejects.toBeInstanceOf(InvalidInput);
    expect(client.requestCount(tenant.id)).toBe(0);
  });
});

describe('request retries', () => {
  it('waits at least the Retry-After of a 429 before succeeding', async () => {
    const { client, sleeps } = makeGraphClient();
    nock(GRAPH).get(POLICIES).reply(429, {}, { 'Retry-After': '7' }).get(POLICIES).reply(200, { value: [] });

    const response = await client.request(tenant, { method: 'GET', path: POLICIES });

    expect(response.status).toBe(200);
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThanOrEqual(7000);
    expect(client.throttledCount(tenant.id)).toBe(1);
    expect(client.requestCount(tenant.id)).toBe(2);
  });

  it('retries a 503 with backoff and returns the later success', async () => {
    const { client, sleeps } = makeGraphClient();
    nock(GRAPH).get(`${POLICIES}/p1`).reply(503).get(`${POLICIES}/p1`).reply(200, { id: 'p1', name: 'Baseline' });

    const response = await client.request(tenant, { method: 'GET', path: `${POLICIES}/p1` });

    expect(response.body).toEqual({ id: 'p1', name: 'Baseline' });
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThan(0);
  });

  it('gives up with GraphUnavailable after maxRetries and waits with growing delays', async () => {
    const { client, sleeps } = makeGraphClient({ maxRetries: 3 });
    nock(GRAPH).get(POLICIES).times(4).reply(504);

    const error = await client.request(tenant, { method: 'GET', path: POLICIES }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(GraphUnavailable);
    expect((error as GraphUnavailable).status).toBe(504);
    expect(client.requestCount(tenant.id)).toBe(4);
    expect(sleeps).toHaveLength(3);
    expect(sleeps[1]!).toBeGreaterThan(sleeps[0]!);
    expect(sleeps[2]!).toBeGreaterThan(sleeps[1]!);
  });

  it('does not retry when Retry-After exceeds the delay cap', async () => {
    const { client, sleeps } = makeGraphClient({ maxRetryDelayMs: 10_000 });
    nock(GRAPH).get(POLICIES).reply(429, {}, { 'Retry-After': '120' });

    await expect(client.request(tenant, { method: 'GET', path: POLICIES })).rejects.toBeInstanceOf(GraphUnavailable);
    expect(sleeps).toEqual([]);
  });

  it('retries a request that times out, then fails with GraphUnavailable', async () => {
    const { client, sleeps } = makeGraphClient({ timeoutMs: 50, maxRetries: 2 });
    nock(GRAPH).get(POLICIES).times(3).delay(500).reply(200, { value: [] });

    const error = await client.request(tenant, { method: 'GET', path: POLICIES }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(GraphUnavailable);
    expect((error as Error).message).toMatch(/did not answer in time/);
    expect(client.requestCount(tenant.id)).toBe(3);
    expect(sleeps).toHaveLength(2);
  });

  it('succeeds when the attempt after a timeout answers in time', async () => {
    const { client } = makeGraphClient({ timeoutMs: 50 });
    nock(GRAPH).get(POLICIES).delay(500).reply(200, { value: [] }).get(POLICIES).reply(200, { value: [{ id: 'late' }] });

    await expect(client.listAll(tenant, POLICIES)).resolves.toEqual([{ id: 'late' }]);
  });
});

describe('authentication and permission answers', () => {
  it('refreshes the token once after a 401 and retries with the new token', async () => {
    const { client, tokens } = makeGraphClient();
    nock(GRAPH)
      .matchHeader('authorization', `Bearer token-${tenant.id}-1`)
      .get(POLICIES)
      .reply(401, { error: { code: 'InvalidAuthenticationToken', message: 'Access token has expired.' } });
    nock(GRAPH).matchHeader('authorization', `Bearer token-${tenant.id}-2`).get(POLICIES).reply(200, { value: [{ id: 'a' }] });

    await expect(client.listAll(tenant, POLICIES)).resolves.toEqual([{ id: 'a' }]);
    expect(tokens.calls.map((c) => c.forceRefresh)).toEqual([false, true]);
  });

  it('throws GraphRequestFailed when Graph answers 401 again after the refresh', async () => {
    const { client, tokens } = makeGraphClient();
    nock(GRAPH).get(POLICIES).times(2).reply(401, { error: { code: 'InvalidAuthenticationToken', message: 'Access token validation failure.' } });

    const error = await client.request(tenant, { method: 'GET', path: POLICIES }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(GraphRequestFailed);
    expect((error as GraphRequestFailed).status).toBe(401);
    expect(tokens.calls.filter((c) => c.forceRefresh)).toHaveLength(1);
    expect(client.requestCount(tenant.id)).toBe(2);
    expect((error as Error).message).not.toContain('token-');
  });

  it('explains a 403 with the tenant and the permission to grant', async () => {
    const { client } = makeGraphClient();
    nock(GRAPH).post(POLICIES).reply(403, { error: { code: 'Forbidden', message: 'Application is not authorized.' } });

    const error = await client
      .request(tenant, { method: 'POST', path: POLICIES, body: { name: 'Baseline' } })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(GraphPermissionMissing);
    expect((error as GraphPermissionMissing).permissionHint).toBe('DeviceManagementConfiguration.ReadWrite.All');
    expect((error as Error).message).toBe(
      `The app lacks permission DeviceManagementConfiguration.ReadWrite.All in tenant Contoso Production (${POLICIES}).`,
    );
  });

  it('carries the Graph error code and message of other failures', async () => {
    const { client } = makeGraphClient();
    nock(GRAPH)
      .patch(`${POLICIES}/p1`)
      .reply(400, { error: { code: 'BadRequest', message: 'Setting value is invalid.' } });

    const error = await client
      .request(tenant, { method: 'PATCH', path: `${POLICIES}/p1`, body: { name: 'x' } })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(GraphRequestFailed);
    expect(error).toMatchObject({ status: 400, graphCode: 'BadRequest', graphMessage: 'Setting value is invalid.' });
    expect(client.requestCount(tenant.id)).toBe(1);
  });
});

describe('request counts', () => {
  it('counts every attempt per tenant and resets on demand', async () => {
    const { client } = makeGraphClient();
    const other = makeTenant({ id: TenantId('22222222-2222-4222-8222-222222222222'), displayName: 'Fabrikam' });
    nock(GRAPH)
      .get(POLICIES)
      .reply(429, {}, { 'Retry-After': '1' })
      .get(POLICIES)
      .reply(200, { value: [] })
      .get(POLICIES)
      .reply(200, { value: [] });

    await client.listAll(tenant, POLICIES);
    await client.listAll(other, POLICIES);

    expect(client.requestCount(tenant.id)).toBe(2);
    expect(client.throttledCount(tenant.id)).toBe(1);
    expect(client.requestCount(other.id)).toBe(1);
    expect(client.throttledCount(other.id)).toBe(0);
    client.resetCounts();
    expect(client.requestCount(tenant.id)).toBe(0);
    expect(client.throttledCount(tenant.id)).toBe(0);
  });
});

describe('writes whose answer is lost', () => {
  it('sends a create once when its answer does not arrive in time, and says the outcome is unknown', async () => {
    const { client, sleeps } = makeGraphClient({ timeoutMs: 50, maxRetries: 3 });
    nock(GRAPH).post(POLICIES).times(4).delay(500).reply(201, { id: 'created' });

    const error = await client.request(tenant, { method: 'POST', path: POLICIES, body: { name: 'Baseline' } }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(GraphWriteOutcomeUnknown);
    expect(error).toBeInstanceOf(GraphUnavailable);
    expect(client.requestCount(tenant.id)).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('does not send an update again after a gateway timeout (504), which may have applied it', async () => {
    const { client } = makeGraphClient({ maxRetries: 3 });
    nock(GRAPH).patch(`${POLICIES}/p1`).times(4).reply(504);

    const error = await client.request(tenant, { method: 'PATCH', path: `${POLICIES}/p1`, body: { name: 'Baseline' } }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(GraphWriteOutcomeUnknown);
    expect((error as GraphWriteOutcomeUnknown).status).toBe(504);
    expect(client.requestCount(tenant.id)).toBe(1);
  });

  it('sends a write again after 429 and 503, which refuse it before any work, waiting the Retry-After', async () => {
    const { client, sleeps } = makeGraphClient();
    nock(GRAPH)
      .post(POLICIES)
      .reply(429, {}, { 'Retry-After': '3' })
      .post(POLICIES)
      .reply(503)
      .post(POLICIES)
      .reply(201, { id: 'created' });

    const response = await client.request(tenant, { method: 'POST', path: POLICIES, body: { name: 'Baseline' } });

    expect(response.body).toEqual({ id: 'created' });
    expect(client.requestCount(tenant.id)).toBe(3);
    expect(sleeps[0]).toBe(3000);
  });
});

describe('request correlation', () => {
  it('sends one client-request-id for every attempt of a request, and another for the next request', async () => {
    const { client } = makeGraphClient();
    const ids: string[] = [];
    const record = function (this: { req: { headers: Record<string, string> } }) {
      ids.push(this.req.headers['client-request-id']!);
    };
    nock(GRAPH)
      .get(POLICIES)
      .reply(function () {
        record.call(this);
        return [429, {}, { 'Retry-After': '1' }];
      })
      .get(POLICIES)
      .times(2)
      .reply(function () {
        record.call(this);
        return [200, { value: [] }];
      });

    await client.request(tenant, { method: 'GET', path: POLICIES });
    await client.request(tenant, { method: 'GET', path: POLICIES });

    expect(ids).toHaveLength(3);
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).not.toBe(ids[0]);
  });
});
