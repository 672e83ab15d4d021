// `npm start` with nothing configured: demo mode on the embedded MongoDB, its data under DATA_DIR. A restart must
// show the runs made before it (mongo-java-server's H2 backend when no mongod is available, mongod's files otherwise).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startSystem, type RunningSystem } from '../../bot/compose';
import { parseEnv } from '../../core/config/env';
import { jsonLogger } from '../../core/logging/logger';
import { confirmPromotionFromChat, waitForTerminalRun } from '../reliability/harness/promote-from-chat';
import { cardText } from '../support/cards';
import { Chat } from '../support/chat';
import { FakeChannel } from '../support/fake-channel';
import type { RunningBot } from '../support/running-bot';

describe('the demo restarted on the same data folder', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c().catch(() => undefined);
  });

  async function demo(dataDir: string): Promise<{ system: RunningSystem; chat: Chat }> {
    const logs: string[] = [];
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'MONGODB_URI'));
    const system = await startSystem(
      parseEnv({ ...env, PORT: '0', DEMO_MODE: 'true', DATA_DIR: dataDir, PROGRESS_UPDATE_INTERVAL_MS: '0' }),
      jsonLogger({ write: (l) => logs.push(l) }),
    );
    const channel = await new FakeChannel().start();
    cleanup.push(() => channel.stop());
    const bot: RunningBot = { system, url: `http://127.0.0.1:${system.port}`, logs, stop: () => system.stop() };
    return { system, chat: new Chat(bot, channel) };
  }

  it('still lists a run made before the restart, with its outcome', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'tenantatlas-demo-'));
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));

    const first = await demo(dataDir);
    const { runId } = await confirmPromotionFromChat(first.chat, first.system.db, 'Contoso Staging', 'Contoso Production');
    const run = await waitForTerminalRun(first.system.db, runId, 30_000);
    expect(run.status).toBe('succeeded');
    await first.system.stop();

    const second = await demo(dataDir);
    cleanup.push(() => second.system.stop());
    expect((await second.system.db.collection('runs').findOne({ _id: runId as never }))?.status).toBe('succeeded');
    expect(cardText(await second.chat.card('runs'))).toContain('Contoso Production');
  }, 90_000);
});
