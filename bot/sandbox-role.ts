import type { Env } from '../core/config/env';
import { DEMO_TENANTS_DIR } from '../core/graph-sandbox/demo-tenants';
import { loadTenantsDir } from '../core/graph-sandbox/load-tenants-dir';
import { startGraphSandbox, type GraphSandbox } from '../core/graph-sandbox/sandbox-server';

/**
 * ROLE=sandbox (`npm run sandbox`): only the demo Graph sandbox, serving the demo tenants or SANDBOX_TENANTS_DIR on
 * SANDBOX_PORT, so split demo deployments (web and worker processes given SANDBOX_URL) share one Graph and restarting
 * any of them keeps the tenants' state. No MongoDB, no bot.
 */
export async function startSandboxRole(env: Env, log: (msg: string) => void): Promise<GraphSandbox> {
  const dir = env.SANDBOX_TENANTS_DIR ?? DEMO_TENANTS_DIR;
  const loaded = await loadTenantsDir(dir);
  for (const warning of loaded.warnings.slice(0, 20)) log(`sandbox: ${warning}`);
  const sandbox = await startGraphSandbox({
    tenants: loaded.tenants,
    port: env.SANDBOX_PORT,
    writeLatencyMs: env.SANDBOX_WRITE_LATENCY_MS,
  });
  log(`Graph sandbox listening on ${sandbox.baseUrl} serving ${loaded.tenants.map((t) => t.displayName).join(', ')}`);
  // The one line a parent process (or a person) needs to point SANDBOX_URL at it.
  console.log(`SANDBOX_URL=${sandbox.baseUrl}`);
  return sandbox;
}
