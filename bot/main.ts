import { ConfigurationError, parseEnv } from '../core/config/env';
import { errorFields, jsonLogger } from '../core/logging/logger';
import { startSystem } from './compose';

async function main() {
  const env = parseEnv(process.env);
  const logger = jsonLogger({ level: env.LOG_LEVEL });
  const system = await startSystem(env, logger);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutdown.started', { signal });
    await system.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  // A configuration error is read by a person at start-up: its lines name each variable to fix.
  if (error instanceof ConfigurationError) console.error(error.message);
  else jsonLogger().error('startup.failed', errorFields(error));
  process.exit(1);
});
