import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GraphPermissionMissing, GraphUnavailable, InvalidInput } from '../../../core/errors';
import { batchRequestBody, planBatches } from '../../../core/graph/batch';
import { errorForFailedResponse } from '../../../core/graph/graph-errors';
import type { GraphRequestSpec } from '../../../core/subjects/subject-type';
import { GRAPH, makeGraphClient } from '../../support/graph-fixtures';
import { makeTenant } from '../../support/tenant-fixtures';

const tenant = makeTenant();

interface BatchItem {
  id: string;
  method: string;
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
}

const settingsRead = (i: number): GraphRequestSpec => ({
  method: 'GET',
  path: `/beta/deviceManagement/configurationPolicies/p${i}/settings`,
});

/** Answers every item 200 with its own url, in reverse order, as Graph may answer in any order. */
function echoReversed(requests: BatchItem[]) {
  return { responses: [...requests].reverse().map((r) => ({ id: r.id, status: 200, body: { url: r.url } })) };
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('planning batches', () => {
  it('groups by API version and strips the version from item urls', () => {
    const chunks = planBatches([
      { index: 0, spec: settingsRead(0) },
      { index: 1, spec: { method: 'GET', path: '/v1.0/groups/g1' } },
      { index: 2, spec: { method: 'PATCH', path: '/beta/deviceManagement/deviceConfigurations/d1', body: { displayName: 'x' } } },
    ]);

    expect(chunks.map((c) => [c.version, c.entries.map((e) => e.index)])).toEqual([
      ['beta', [0, 2]],
      ['v1.0', [1]],
    ]);
    expect(batchRequestBody(chunks[0]!).requests).toEqual([
      { id: '0', method: 'GET', url: '/deviceManagement/configurationPolicies/p0/settings' },
      {
        id: '2',
        method: 'PATCH',
        url: '/deviceManagement/deviceConfigurations/d1',
        body: { displayName: 'x' },
        headers: { 'Content-Type': 'application/json' },
      },
    ]);
  });

  it('rejects a request path without an API version', () => {
    expect(() => planBatches([{ index: 0, spec: { method: 'GET', path: '/groups/g1' } }])).toThrow(InvalidInput);
  });
});

describe('batch', () => {
  it('sends 45 requests as three POSTs of 20, 20 and 5 and answers in input order', async () => {
    const { client } = makeGraphClient();
    const sizes: number[] = [];
    nock(GRAPH)
      .post('/beta/$batch')
      .times(3)
      .reply(200, (_uri, body) => {
        const { requests } = body as { requests: BatchItem[] };
        sizes.push(requests.length);
        return echoReversed(requests);
      });
    const requests = Array.from({ length: 45 }, (_, i) => settingsRead(i));

    const answers = await client.batch(tenant, requests);

    expect(sizes).toEqual([20, 20, 5]);
    expect(answers.map((a) => (a.body as { url: string }).url)).toEqual(
      requests.map((r) => r.path.replace('/beta', '')),
    );
    expect(client.requestCount(tenant.id)).toBe(3);
  });

  it('posts v1.0 and beta requests to their own $batch endpoints', async () => {
    const { client } = makeGraphClient();
    const beta = nock(GRAPH).post('/beta/$batch').reply(200, (_u, b) => echoReversed((b as { requests: BatchItem[] }).requests));
    const v1 = nock(GRAPH).post('/v1.0/$batch').reply(200, (_u, b) => echoReversed((b as { requests: BatchItem[] }).requests));

    const answers = await client.batch(tenant, [settingsRead(0), { method: 'GET', path: '/v1.0/groups/g1' }]);

    expect(answers.map((a) => (a.body as { url: string }).url)).toEqual([
      '/deviceManagement/configurationPolicies/p0/settings',
      '/groups/g1',
    ]);
    expect(beta.isDone() && v1.isDone()).toBe(true);
  });

  it('sends a throttled item again in a follow-up batch after its Retry-After', async () => {
    const { client, sleeps } = makeGraphClient();
    const posted: string[][] = [];
    nock(GRAPH)
      .post('/beta/$batch')
      .times(2)
      .reply(200, (_uri, body) => {
        const { requests } = body as { requests: BatchItem[] };
        posted.push(requests.map((r) => r.id));
        return {
          responses: requests.map((r) =>
            r.id === '1' && posted.length === 1
              ? { id: r.id, status: 429, headers: { 'Retry-After': '3' }, body: { error: { code: 'TooManyRequests' } } }
              : { id: r.id, status: 200, body: { url: r.url } },
          ),
        };
      });

    const answers = await client.batch(tenant, [settingsRead(0), settingsRead(1), settingsRead(2)]);

    expect(posted).toEqual([['0', '1', '2'], ['1']]);
    expect(sleeps).toEqual([3000]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect((answers[1]!.body as { url: string }).url).toBe('/deviceManagement/configurationPolicies/p1/settings');
    expect(client.throttledCount(tenant.id)).toBe(1);
  });

  it('fails with GraphUnavailable when an item stays throttled past maxRetries', async () => {
    const { client } = makeGraphClient({ maxRetries: 1 });
    nock(GRAPH)
      .post('/beta/$batch')
      .times(2)
      .reply(200, (_u, b) => ({
        responses: (b as { requests: BatchItem[] }).requests.map((r) => ({ id: r.id, status: 503 })),
      }));

    await expect(client.batch(tenant, [settingsRead(0)])).rejects.toBeInstanceOf(GraphUnavailable);
    expect(client.requestCount(tenant.id)).toBe(2);
  });

  it('returns other item failures as their status for the caller to explain', async () => {
    const { client } = makeGraphClient();
    nock(GRAPH)
      .post('/beta/$batch')
      .reply(200, {
        responses: [
          { id: '0', status: 200, body: { value: [] } },
          { id: '1', status: 403, body: { error: { code: 'Forbidden', message: 'No permission.' } } },
          { id: '2', status: 404, body: { error: { code: 'ResourceNotFound', message: 'Not found.' } } },
        ],
      });
    const requests = [settingsRead(0), { method: 'GET' as const, path: '/beta/deviceManagement/roleScopeTags/7' }, settingsRead(2)];

    const answers = await client.batch(tenant, requests);

    expect(answers.map((a) => a.status)).toEqual([200, 403, 404]);
    const explained = errorForFailedResponse(tenant.displayName, 'GET', requests[1]!.path, answers[1]!);
    expect(explained).toBeInstanceOf(GraphPermissionMissing);
    expect(explained.message).toContain('DeviceManagementRBAC.Read.All');
  });

  it('fails with GraphUnavailable when Graph leaves an item unanswered', async () => {
    const { client } = makeGraphClient();
    nock(GRAPH).post('/beta/$batch').reply(200, { responses: [{ id: '0', status: 200, body: {} }] });

    await expect(client.batch(tenant, [settingsRead(0), settingsRead(1)])).rejects.toThrow(/request 1 of a \$batch unanswered/);
  });

  it('makes no request for an empty list', async () => {
    const { client } = makeGraphClient();

    await expect(client.batch(tenant, [])).resolves.toEqual([]);
    expect(client.requestCount(tenant.id)).toBe(0);
  });
});
