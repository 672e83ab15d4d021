import { afterEach, describe, expect, it } from 'vitest';
import { GraphWriteOutcomeUnknown } from '../../../core/errors';
import { GraphClient } from '../../../core/graph/graph-client';
import { StaticTokenProvider } from '../../../core/graph/static-token-provider';
import { demoTenant, startDemoSandbox } from '../../support/sandbox-fixtures';

const CATALOG = '/beta/deviceManagement/configurationPolicies';
const production = demoTenant('contosoProduction');
const policy = (name: string) => ({ name, platforms: 'windows10', technologies: 'mdm', settings: [] });

type Demo = Awaited<ReturnType<typeof startDemoSandbox>>;
let demo: Demo | undefined;
afterEach(async () => {
  await demo?.sandbox.close();
  demo = undefined;
});

const names = async (d: Demo) => (await d.client.listAll(production, CATALOG)).map((p) => p.name);

describe('a sandbox tenant whose lists lag behind new objects', () => {
  it('hides a new object from lists and GET by id until its lag is over, then shows it', async () => {
    demo = await startDemoSandbox();
    demo.sandbox.store.configure(production.id, { listLag: { maxMs: 400 } });
    const created = await demo.client.request(production, { method: 'POST', path: CATALOG, body: policy('Lagging policy') });
    const id = String((created.body as { id: string }).id);
    const stored = demo.sandbox.store.get(production.id, 'deviceManagement/configurationPolicies', id);
    expect(stored?.name).toBe('Lagging policy');

    // Lags are spread over [0, maxMs] per object; poll until this one shows, and check it was hidden meanwhile.
    const startedAt = Date.now();
    while (!(await names(demo)).includes('Lagging policy')) {
      const byId = await fetch(`${demo.sandbox.baseUrl}${CATALOG}/${id}`, { headers: { authorization: `Bearer ${StaticTokenProvider.tokenFor(production.id, 1)}` } });
      if (!demo.sandbox.store.lagging(production.id, 'deviceManagement/configurationPolicies', id, new Date())) break;
      expect(byId.status).toBe(404);
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(Date.now() - startedAt).toBeLessThan(2_000);
    const byId = await demo.client.request(production, { method: 'GET', path: `${CATALOG}/${id}` });
    expect((byId.body as { name: string }).name).toBe('Lagging policy');
  });

  it('spreads the lag of many objects over the configured range', async () => {
    demo = await startDemoSandbox();
    demo.sandbox.store.configure(production.id, { listLag: { maxMs: 30_000 } });
    const now = new Date();
    const ids = Array.from({ length: 40 }, (_, i) => demo!.sandbox.store.create(production.id, 'deviceManagement/configurationPolicies', policy(`P ${i}`), now).id as string);
    const hiddenAt = (ms: number) => ids.filter((id) => demo!.sandbox.store.lagging(production.id, 'deviceManagement/configurationPolicies', id, new Date(now.getTime() + ms))).length;
    expect(hiddenAt(0)).toBeGreaterThan(30);
    expect(hiddenAt(15_000)).toBeGreaterThan(5);
    expect(hiddenAt(15_000)).toBeLessThan(35);
    expect(hiddenAt(30_001)).toBe(0);
  });
});

describe('a sandbox write slower than the client waits', () => {
  it('is reported as an outcome unknown by the client, never resent, and still applied after the client gave up', async () => {
    demo = await startDemoSandbox();
    demo.sandbox.store.configure(production.id, { slowWrites: { every: 1, latencyMs: 600 } });
    const client = new GraphClient({ baseUrl: demo.sandbox.baseUrl, tokens: new StaticTokenProvider(), timeoutMs: 200, maxRetries: 3, sleep: async () => undefined });
    const writesBefore = demo.sandbox.store.counters(production.id).writes['deviceManagement/configurationPolicies'] ?? 0;

    await expect(client.request(production, { method: 'POST', path: CATALOG, body: policy('Slow policy') })).rejects.toBeInstanceOf(GraphWriteOutcomeUnknown);
    expect(await names(demo)).not.toContain('Slow policy');

    await new Promise((r) => setTimeout(r, 800));
    expect((await names(demo)).filter((n) => n === 'Slow policy')).toHaveLength(1);
    expect(demo.sandbox.store.counters(production.id).writes['deviceManagement/configurationPolicies']).toBe(writesBefore + 1);
  });
});
