import type { DirectoryStore } from '../core/access/directory-store';
import { applySeed, type DirectorySeed } from '../core/access/seed';
import type { Env } from '../core/config/env';
import { GraphClient } from '../core/graph/graph-client';
import { StaticTokenProvider } from '../core/graph/static-token-provider';
import { DEMO_TENANTS_DIR } from '../core/graph-sandbox/demo-tenants';
import { loadTenantsDir } from '../core/graph-sandbox/load-tenants-dir';
import { warningReport } from '../core/graph-sandbox/load-warnings';
import { startGraphSandbox } from '../core/graph-sandbox/sandbox-server';
import { demoDirectory } from './demo-directory';

/** A directory for tenants loaded from SANDBOX_TENANTS_DIR: one workspace, every demo member may do everything. */
function sandboxDirectory(tenants: { id: string; displayName: string; environment: string }[]): DirectorySeed {
  const all = Object.fromEntries(tenants.map((t) => [t.id, ['TENANT_VIEW', 'TENANT_MANAGE'] as ('TENANT_VIEW' | 'TENANT_MANAGE')[]]));
  return {
    workspaces: [
      {
        id: 'sandbox',
        name: 'Sandbox',
        requireSecondApprover: false,
        tenants: tenants.map((t) => ({ id: t.id, displayName: t.displayName, environment: t.environment, credentials: {} })),
        members: [
          { actorId: 'demo-operator', displayName: 'Demo Operator', workspace: ['WORKSPACE_BASELINES_VIEW', 'WORKSPACE_BASELINES_MANAGE'], tenants: all },
          { actorId: 'demo-admin', displayName: 'Demo Admin', workspace: ['WORKSPACE_ADMIN', 'WORKSPACE_BASELINES_MANAGE'], tenants: all },
        ],
      },
    ],
  };
}

/**
 * Demo mode's Microsoft Graph: the loopback sandbox seeded from the demo tenants (or SANDBOX_TENANTS_DIR),
 * reached through the same GraphClient as production; with SANDBOX_URL, a sandbox already serving those tenants
 * (shared by a web and a worker process) is used instead of starting one. Also loads the matching directory
 * unless SEED_FILE is set.
 */
export async function startDemoGraph(env: Env, directory: DirectoryStore, log: (msg: string) => void, stops: (() => Promise<unknown>)[]) {
  const dir = env.SANDBOX_TENANTS_DIR ?? DEMO_TENANTS_DIR;
  const loaded = await loadTenantsDir(dir);
  for (const line of warningReport(loaded.warnings, loaded.summaries)) log(`sandbox: ${line}`);
  const sandbox = env.SANDBOX_URL ? undefined : await startGraphSandbox({ tenants: loaded.tenants, port: env.SANDBOX_PORT });
  if (sandbox) stops.push(() => sandbox.close());
  const baseUrl = sandbox?.baseUrl ?? env.SANDBOX_URL!;
  log(`Graph sandbox on ${baseUrl} serving ${loaded.tenants.map((t) => t.displayName).join(', ')}`);
  if (!env.SEED_FILE) {
    const seed = env.SANDBOX_TENANTS_DIR
      ? sandboxDirectory(loaded.tenants)
      : demoDirectory(Object.fromEntries(loaded.tenants.map((t) => [t.displayName, t.id])));
    await applySeed(directory, seed);
  }
  const client = new GraphClient({ baseUrl, tokens: new StaticTokenProvider(), timeoutMs: env.GRAPH_TIMEOUT_MS, maxRetries: 2, maxRetryDelayMs: 2_000 });
  const loadSummaries = new Map(loaded.summaries.map((s) => [s.tenantId, s]));
  return { baseUrl, client, loadSummaries, ...(sandbox ? { sandbox } : {}) };
}
