import type { Env } from '../core/config/env';
import type { Logger } from '../core/logging/logger';
import { DEMO_TENANTS_DIR } from '../core/graph-sandbox/demo-tenants';
import { loadTenantsDir } from '../core/graph-sandbox/load-tenants-dir';
import { warningReport } from '../core/graph-sandbox/load-warnings';
import { startGraphSandbox, type GraphSandbox } from '../core/graph-sandbox/sandbox-server';

/**
 * ROLE=sandbox (`npm run sandbox`): only the demo Graph sandbox, serving the demo tenants or SANDBOX_TENANTS_DIR on
 * SANDBOX_PORT, so split demo deployments (web and worker processes given SANDBOX_URL) share one Graph and restarting
 * any of them keeps the tenants' state. No MongoDB, no bot.
 */
export async function startSandboxRole(env: Env, logger: Logger): Promise<GraphSandbox> {
  const dir = env.SANDBOX_TENANTS_DIR ?? DEMO_TENANTS_DIR;
  const loaded = await loadTenantsDir(dir);
  for (const line of warningReport(loaded.warnings, loaded.summaries)) logger.warn('sandbox.tenant_warning', { warning: line });
  const sandbox = await startGraphSandbox({
    tenants: loaded.tenants,
    port: env.SANDBOX_PORT,
    writeLatencyMs: env.SANDBOX_WRITE_LATENCY_MS,
  });
  logger.info('sandbox.listening', { url: sandbox.baseUrl, tenants: loaded.tenants.map((t) => t.displayName).join(', ') });
  // The one line a parent process (or a person) needs to point SANDBOX_URL at it.
  console.log(`SANDBOX_URL=${sandbox.baseUrl}`);
  return sandbox;
}
