import { ConfigurationError, parseEnv } from '../core/config/env';
import { startSystem } from './compose';
import { startSandboxRole } from './sandbox-role';

const log = (msg: string) => console.log(`${new Date().toISOString()} ${msg}`);

async function main() {
  const env = parseEnv(process.env);
  const system = env.ROLE === 'sandbox' ? { stop: (await startSandboxRole(env, log)).close } : await startSystem(env, log);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping (${env.ROLE === 'sandbox' ? 'the Graph sandbox' : 'the worker drains, then connections close'})`);
    await system.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigurationError) console.error(error.message);
  else console.error(`TenantAtlas failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
