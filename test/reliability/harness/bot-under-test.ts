// The real system (startSystem) on its own database of a given MongoDB server, its log lines captured, for scenarios
// that run both under vitest and under `npm run reliability` (so nothing here may rely on vitest's inject).
import { randomBytes } from 'node:crypto';
import { startSystem, type RunningSystem } from '../../../bot/compose';
import { parseEnv, type Env } from '../../../core/config/env';
import { dbUri } from '../../support/mongo';
import { jsonLogger } from '../../../core/logging/logger';

/** A started system, where to reach it and what it logged. */
export interface BotUnderTest {
  system: RunningSystem;
  url: string;
  dbName: string;
  /** Database uri the system uses (for a worker process on the same database). */
  mongoUri: string;
  logs: string[];
  stop(): Promise<void>;
}

/** A database name unique to one scenario run. */
export function scenarioDbName(scenario: string): string {
  return `rel_${scenario.replace(/[^a-z0-9]/gi, '_').slice(0, 20)}_${randomBytes(4).toString('hex')}`;
}

/**
 * Starts the system in demo mode on a fresh database of `serverUri`; `env` overrides any variable. `held` is put on the
 * parsed configuration as is: values the process holds that start-up validation would not accept beside demo mode
 * (the secret-exposure scan's fake secrets). Stop drops the database.
 */
export async function startBotUnderTest(
  serverUri: string,
  env: Record<string, string> = {},
  dbName = scenarioDbName('bot'),
  held: Partial<Env> = {},
): Promise<BotUnderTest> {
  const logs: string[] = [];
  const mongoUri = dbUri(serverUri, dbName);
  const system = await startSystem(
    { ...parseEnv({ PORT: '0', DEMO_MODE: 'true', MONGODB_URI: mongoUri, MONGODB_DB: dbName, PROGRESS_UPDATE_INTERVAL_MS: '0', ...env }), ...held },
    jsonLogger({ level: 'debug', write: (line) => logs.push(line) }),
  );
  return {
    system,
    url: `http://127.0.0.1:${system.port}`,
    dbName,
    mongoUri,
    logs,
    async stop() {
      await system.db.dropDatabase().catch(() => undefined);
      await system.stop();
    },
  };
}

/** Polls until `check` answers a value (not undefined), or fails after `timeoutMs`. */
export async function waitUntil<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 30_000, pollMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
