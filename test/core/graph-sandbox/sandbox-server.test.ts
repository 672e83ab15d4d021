import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GraphPermissionMissing, TenantUnreachable } from '../../../core/errors';
import { GraphRequestFailed } from '../../../core/graph/graph-errors';
import { StaticTokenProvider } from '../../../core/graph/static-token-provider';
import type { GraphJson } from '../../../core/subjects/subject-type';
import { demoTenant, startDemoSandbox } from '../../support/sandbox-fixtures';

const CATALOG = '/beta/deviceManagement/configurationPolicies';
const CONFIGS = '/beta/deviceManagement/deviceConfigurations';
const staging = demoTenant('contosoStaging');
const production = demoTenant('contosoProduction');
const lab = demoTenant('contosoLab');

type Demo = Awaited<ReturnType<typeof startDemoSandbox>>;
let demo: Demo;

async function start(opts: Parameters<typeof startDemoSandbox>[0] = {}) {
  demo = await startDemoSandbox(opts);
  return demo;
}
afterEach(async () => {
  await demo?.sandbox.close();
});

const auth = (tenantId: string) => ({ authorization: `Bearer ${StaticTokenProvider.tokenFor(tenantId, 1)}`, 'content-type': 'application/json' });

describe('reading demo tenants through the real GraphClient', () => {
  beforeEach(async () => {
    await start({ pageSize: 2 });
  });

  it('lists a collection over several pages by following @odata.nextLink', async () => {
    const policies = await demo.client.listAll(staging, `${CATALOG}?$expand=assignments`);

    expect(policies.map((p) => p.name)).toEqual([
      'Win - BitLocker Encryption',
      'Win - Defender Antivirus',
      'Win - Edge Security Baseline',
      'Win - Edge Security Baseline',
    ]);
    expect(policies.every((p) => Array.isArray(p.assignments))).toBe(true);
    expect(policies.some((p) => 'settings' in p)).toBe(false);
    const pages = demo.sandbox.requestLog.filter((e) => e.url.startsWith(CATALOG));
    expect(pages).toHaveLength(2);
    expect(pages[1]?.url).toContain('$skiptoken=');
  });

  it('serves the same tenant data under /beta and /v1.0, separately per tenant', async () => {
    const beta = await demo.client.listAll(staging, '/beta/groups');
    const v1 = await demo.client.listAll(staging, '/v1.0/groups?$select=id,displayName&$top=999');
    const other = await demo.client.listAll(production, '/v1.0/groups');

    expect(v1).toEqual(beta.map(({ id, displayName }) => ({ id, displayName })));
    expect(v1.map((g) => g.displayName)).toContain('Finance Laptops');
    expect(other.map((g) => g.displayName)).not.toContain('Finance Laptops');
  });

  it('answers a $batch of detail reads in order, including paged settings with an absolute nextLink', async () => {
    const policies = await demo.client.listAll(staging, CATALOG);
    const answers = await demo.client.batch(staging, [
      ...policies.map((p) => ({ method: 'GET' as const, path: `${CATALOG}/${p.id}/settings` })),
      { method: 'GET', path: `${CATALOG}/does-not-exist/settings` },
    ]);

    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 404]);
    const defender = answers[1]!.body as { value: GraphJson[]; '@odata.nextLink'?: string };
    expect(defender.value).toHaveLength(2);
    const rest = await demo.client.listAll(staging, defender['@odata.nextLink']!);
    expect(rest).toHaveLength(5);
    expect(demo.sandbox.store.counters(staging.id).operations).toBeGreaterThan(5);
  });

  it('leaves scriptContent out of script lists and returns it on the object, as Graph does', async () => {
    const [listed] = await demo.client.listAll(staging, '/beta/deviceManagement/deviceManagementScripts');
    const single = await demo.client.request(staging, { method: 'GET', path: `/beta/deviceManagement/deviceManagementScripts/${listed!.id}` });

    expect(listed).not.toHaveProperty('scriptContent');
    expect(Buffer.from(String((single.body as GraphJson).scriptContent), 'base64').toString()).toContain('Set-TimeZone');
  });

  it('expands compliance scheduled actions and applies $select', async () => {
    const [policy] = await demo.client.listAll(
      production,
      '/beta/deviceManagement/deviceCompliancePolicies?$select=displayName&$expand=assignments,scheduledActionsForRule($expand=scheduledActionConfigurations)',
    );

    expect(Object.keys(policy!).sort()).toEqual(['@odata.type', 'assignments', 'displayName', 'id', 'scheduledActionsForRule']);
    const rule = (policy!.scheduledActionsForRule as GraphJson[])[0]!;
    expect((rule.scheduledActionConfigurations as GraphJson[]).map((a) => a.actionType)).toEqual(['block', 'retire']);
  });

  it('answers unknown paths 404 and unknown navigation properties 400 with Graph error bodies', async () => {
    const missing = await fetch(`${demo.sandbox.baseUrl}/beta/deviceManagement/noSuchThing`, { headers: auth(staging.id) });
    const badExpand = await fetch(`${demo.sandbox.baseUrl}${CATALOG}?$expand=setings`, { headers: auth(staging.id) });

    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'UnknownPath' } });
    expect(badExpand.status).toBe(400);
    expect(await badExpand.json()).toMatchObject({ error: { message: "Could not find a navigation property named 'setings'." } });
  });
});

describe('addressing', () => {
  beforeEach(async () => {
    await start();
  });

  it('accepts the key syntax, answers 404 once an object is deleted, and refuses query options it cannot honour', async () => {
    const [policy] = await demo.client.listAll(production, CATALOG);
    const keyed = await demo.client.request(production, { method: 'GET', path: `${CATALOG}('${policy!.id}')?$select=name` });
    await demo.client.request(production, { method: 'DELETE', path: `${CATALOG}/${policy!.id}` });
    const gone = await fetch(`${demo.sandbox.baseUrl}${CATALOG}/${policy!.id}`, { headers: auth(production.id) });
    const ordered = await fetch(`${demo.sandbox.baseUrl}${CATALOG}?$orderby=name`, { headers: auth(production.id) });
    const filtered = await fetch(`${demo.sandbox.baseUrl}${CATALOG}?$filter=startswith(name,'Win')`, { headers: auth(production.id) });

    expect(keyed.body).toMatchObject({ id: policy!.id, name: policy!.name });
    expect(Object.keys(keyed.body as GraphJson)).not.toContain('platforms');
    expect(gone.status).toBe(404);
    expect(ordered.status).toBe(400);
    expect(filtered.status).toBe(400);
  });
});

describe('authentication', () => {
  beforeEach(async () => {
    await start();
  });

  it('refuses requests without a sandbox token of a known tenant with 401', async () => {
    const none = await fetch(`${demo.sandbox.baseUrl}${CATALOG}`);
    const stranger = await fetch(`${demo.sandbox.baseUrl}${CATALOG}`, { headers: auth('99999999-9999-4999-8999-999999999999') });

    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ error: { code: 'InvalidAuthenticationToken' } });
    expect(stranger.status).toBe(401);
  });
});

describe('writes', () => {
  beforeEach(async () => {
    await start();
  });

  it('creates, patches, replaces and assigns, and a later read shows each change', async () => {
    const created = await demo.client.request(production, {
      method: 'POST',
      path: CATALOG,
      body: { name: 'Win - New', platforms: 'windows10', technologies: 'mdm', settings: [{ settingInstance: { settingDefinitionId: 'a' } }] },
    });
    const id = (created.body as GraphJson).id as string;
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Win - New', settingCount: 1, templateReference: { templateFamily: 'none' } });

    await demo.client.request(production, { method: 'PATCH', path: `${CATALOG}/${id}`, body: { description: 'patched' } });
    await demo.client.request(production, {
      method: 'PUT',
      path: `${CATALOG}/${id}`,
      body: { name: 'Win - New', description: 'replaced', platforms: 'windows10', technologies: 'mdm', settings: [{ settingInstance: { settingDefinitionId: 'b' } }, { settingInstance: { settingDefinitionId: 'c' } }] },
    });
    const groupId = 'aaaaaaaa-1111-4111-8111-111111111111';
    await demo.client.request(production, {
      method: 'POST',
      path: `${CATALOG}/${id}/assign`,
      body: { assignments: [{ target: { '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId } }] },
    });

    const read = await demo.client.request(production, { method: 'GET', path: `${CATALOG}/${id}?$expand=settings,assignments` });
    const policy = read.body as GraphJson;
    expect(policy).toMatchObject({ description: 'replaced', settingCount: 2 });
    expect((policy.settings as GraphJson[]).map((s) => (s.settingInstance as GraphJson).settingDefinitionId)).toEqual(['b', 'c']);
    expect((policy.assignments as GraphJson[]).map((a) => (a.target as GraphJson).groupId)).toEqual([groupId]);
    expect(demo.sandbox.store.counters(production.id).writes).toEqual({ 'deviceManagement/configurationPolicies': 4 });
  });

  it('refuses navigation properties in a PATCH, as Graph does for scheduled actions', async () => {
    const [policy] = await demo.client.listAll(production, '/beta/deviceManagement/deviceCompliancePolicies');
    const patch = demo.client.request(production, {
      method: 'PATCH',
      path: `/beta/deviceManagement/deviceCompliancePolicies/${policy!.id}`,
      body: { scheduledActionsForRule: [] },
    });

    await expect(patch).rejects.toBeInstanceOf(GraphRequestFailed);
    expect(demo.sandbox.store.counters(production.id).writes).toEqual({});
  });

  it('replaces compliance scheduled actions through scheduleActionsForRules and versions PATCHed policies', async () => {
    const path = '/beta/deviceManagement/deviceCompliancePolicies';
    const [policy] = await demo.client.listAll(production, path);
    await demo.client.request(production, { method: 'PATCH', path: `${path}/${policy!.id}`, body: { passwordMinimumLength: 10 } });
    const answer = await demo.client.request(production, {
      method: 'POST',
      path: `${path}/${policy!.id}/scheduleActionsForRules`,
      body: { deviceComplianceScheduledActionForRules: [{ ruleName: 'PasswordRequired', scheduledActionConfigurations: [{ actionType: 'block', gracePeriodHours: 24 }] }] },
    });

    expect(answer.status).toBe(204);
    const read = (await demo.client.request(production, { method: 'GET', path: `${path}/${policy!.id}?$expand=scheduledActionsForRule` })).body as GraphJson;
    expect(read).toMatchObject({ passwordMinimumLength: 10, version: 3 });
    expect(read.scheduledActionsForRule).toMatchObject([{ ruleName: 'PasswordRequired', scheduledActionConfigurations: [{ gracePeriodHours: 24 }] }]);
  });

  it('refuses a compliance policy created without exactly one block action', async () => {
    const create = demo.client.request(production, {
      method: 'POST',
      path: '/beta/deviceManagement/deviceCompliancePolicies',
      body: { '@odata.type': '#microsoft.graph.windows10CompliancePolicy', displayName: 'No actions' },
    });

    await expect(create).rejects.toMatchObject({ status: 400 });
  });

  it('executes writes inside a $batch and refuses batches of more than 20 requests', async () => {
    const answers = await demo.client.batch(production, [
      { method: 'POST', path: CONFIGS, body: { '@odata.type': '#microsoft.graph.windows10GeneralConfiguration', displayName: 'Batched' } },
      { method: 'GET', path: `${CONFIGS}?$filter=displayName eq 'Batched'` },
    ]);
    const tooMany = await fetch(`${demo.sandbox.baseUrl}/beta/$batch`, {
      method: 'POST',
      headers: auth(production.id),
      body: JSON.stringify({ requests: Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: 'GET', url: '/groups' })) }),
    });

    expect(answers.map((a) => a.status)).toEqual([201, 200]);
    expect((answers[1]!.body as { value: GraphJson[] }).value).toMatchObject([{ displayName: 'Batched', version: 1 }]);
    expect(tooMany.status).toBe(400);
  });

  it('refuses every write to a read-only tenant with 403 and leaves it unchanged', async () => {
    const before = await demo.client.listAll(staging, CONFIGS);
    const write = demo.client.request(staging, { method: 'PATCH', path: `${CONFIGS}/${before[0]!.id}`, body: { description: 'x' } });
    await expect(write).rejects.toBeInstanceOf(GraphPermissionMissing);
    const [batched] = await demo.client.batch(staging, [{ method: 'POST', path: CONFIGS, body: { displayName: 'x' } }]);

    expect(batched!.status).toBe(403);
    expect(await demo.client.listAll(staging, CONFIGS)).toEqual(before);
    expect(demo.sandbox.store.counters(staging.id).writes).toEqual({});
  });
});

describe('faults', () => {
  it('answers Contoso Lab with 503 on every request, so reads fail after the bounded retries', async () => {
    await start();

    await expect(demo.client.listAll(lab, CATALOG)).rejects.toMatchObject({ constructor: TenantUnreachable, status: 503 });
    expect(demo.sandbox.store.counters(lab.id).httpRequests).toBe(3);
    const direct = await fetch(`${demo.sandbox.baseUrl}/beta/$batch`, { method: 'POST', headers: auth(lab.id), body: '{}' });
    expect(direct.status).toBe(503);
  });

  it('throttles every n-th operation with 429 and Retry-After, which the client waits out', async () => {
    await start({ pageSize: 2 });
    demo.sandbox.store.configure(production.id, { throttle: { every: 2, retryAfterSeconds: 3 } });

    const first = await fetch(`${demo.sandbox.baseUrl}/v1.0/groups`, { headers: auth(production.id) });
    const second = await fetch(`${demo.sandbox.baseUrl}/v1.0/groups`, { headers: auth(production.id) });
    expect(first.status).toBe(200);
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBe('3');

    const groups = await demo.client.listAll(production, '/v1.0/groups');
    expect(groups).toHaveLength(4);
    expect(demo.sleeps).toContain(3000);
    expect(demo.sandbox.store.counters(production.id).throttled).toBeGreaterThanOrEqual(2);
  });

  it('limits the write rate per tenant with 429 and delays each write by the configured latency', async () => {
    await start({ writeRateLimit: { perSecond: 1 }, writeLatencyMs: 40 });
    const post = () =>
      fetch(`${demo.sandbox.baseUrl}${CONFIGS}`, { method: 'POST', headers: auth(production.id), body: JSON.stringify({ displayName: 'w' }) });

    const started = Date.now();
    const first = await post();
    const elapsed = Date.now() - started;
    const second = await post();

    expect(first.status).toBe(201);
    expect(elapsed).toBeGreaterThanOrEqual(35);
    expect(second.status).toBe(429);
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(demo.sandbox.store.counters(production.id).writes).toEqual({ 'deviceManagement/deviceConfigurations': 1 });
  });
});
