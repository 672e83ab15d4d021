// Starts the real system (restify + teams-ai + MongoDB + Agenda) on a free port for protocol tests.
import { inject } from 'vitest';
import { randomBytes } from 'node:crypto';
import { parseEnv } from '../../core/config/env';
import { startSystem, type RunningSystem } from '../../bot/compose';
import { dbUri } from './mongo';
import { jsonLogger } from '../../core/logging/logger';

export interface RunningBot {
  system: RunningSystem;
  url: string;
  /** The system's log lines (JSON, debug level and up). */
  logs: string[];
  stop(): Promise<void>;
}

/** The bot in demo mode on its own database (or `dbName`'s, to restart on the same data); `env` overrides any variable. */
export async function startBot(env: Record<string, string> = {}, opts: { dbName?: string } = {}): Promise<RunningBot> {
  const uri = inject('mongoUri');
  if (!uri) throw new Error(inject('mongoUnavailable') || 'no MongoDB for the bot tests');
  const dbName = opts.dbName ?? `bot_${randomBytes(4).toString('hex')}`;
  const logs: string[] = [];
  const system = await startSystem(parseEnv({ PORT: '0', DEMO_MODE: 'true', MONGODB_URI: dbUri(uri, dbName), MONGODB_DB: dbName, ...env }), jsonLogger({ level: 'debug', write: (line) => logs.push(line) }));
  return {
    system,
    url: `http://127.0.0.1:${system.port}`,
    logs,
    async stop() {
      await system.db.dropDatabase().catch(() => undefined);
      await system.stop();
    },
  };
}

/** Waits until the run reaches a terminal status and returns its stored document. */
export async function waitForRun(bot: RunningBot, runId: string, timeoutMs = 30_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await bot.system.db.collection('runs').findOne({ _id: runId as never });
    if (run && ['succeeded', 'partially_succeeded', 'failed'].includes(run.status)) return run;
    if (Date.now() > deadline) throw new Error(`run ${runId} still ${run?.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until the start-up inventory sync (every tenant, once) finished, so later reads start after it. */
export async function waitForStartupSync(bot: RunningBot, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await bot.system.db.collection('agendaJobs').findOne({ name: 'inventory.sync', 'data.all': true, lastFinishedAt: { $ne: null } }))) {
    if (Date.now() > deadline) throw new Error('the start-up inventory sync did not finish');
    await new Promise((r) => setTimeout(r, 200));
  }
}
