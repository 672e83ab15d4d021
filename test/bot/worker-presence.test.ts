// A split deployment in one test: a ROLE=web bot and, later, a ROLE=worker process on the same MongoDB and the same
// Graph sandbox. Health and the confirm answer must tell whether anyone will run a queued promotion.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { actionsByVerb, cardText } from '../support/cards';
import { Chat, cardOf } from '../support/chat';
import { FakeChannel } from '../support/fake-channel';
import { dbUri } from '../support/mongo';
import { startBot, waitForRun, type RunningBot } from '../support/running-bot';

describe('a web instance and its workers', () => {
  let web: RunningBot;
  let worker: RunningBot | undefined;
  let channel: FakeChannel;
  let chat: Chat;
  beforeAll(async () => {
    channel = await new FakeChannel().start();
    web = await startBot({ ROLE: 'web', PROGRESS_UPDATE_INTERVAL_MS: '0', WORKER_HEARTBEAT_MS: '200' });
    chat = new Chat(web, channel);
  });
  afterAll(async () => {
    await worker?.system.stop();
    await web?.stop();
    await channel?.stop();
  });

  const health = async (url: string) => {
    const res = await fetch(`${url}/healthz`);
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };

  async function startWorker(): Promise<RunningBot> {
    const dbName = web.system.db.databaseName;
    return startBot({
      ROLE: 'worker',
      MONGODB_URI: dbUri(inject('mongoUri'), dbName),
      MONGODB_DB: dbName,
      SANDBOX_URL: web.system.graphBaseUrl,
      WORKER_HEARTBEAT_MS: '200',
      WORKER_HEALTH_PORT: '0',
      PROGRESS_UPDATE_INTERVAL_MS: '0',
    });
  }

  it('with no worker alive, /healthz is unhealthy and says no worker is live, naming nothing else', async () => {
    expect(await health(web.url)).toEqual({
      status: 503,
      body: { status: 'degraded', store: 'ok', worker: 'disabled', workers: { live: 0, lastBeatAt: null } },
    });
  });

  it('with a worker beating, /healthz counts it; the worker answers on its own health port with its state only', async () => {
    worker = await startWorker();
    const { status, body } = await health(web.url);
    expect(status).toBe(200);
    expect(body).toEqual({ status: 'ok', store: 'ok', worker: 'disabled', workers: { live: 1, lastBeatAt: expect.any(String) } });
    expect(Date.now() - Date.parse(body.workers.lastBeatAt)).toBeLessThan(5_000);

    expect(await health(`http://127.0.0.1:${worker.system.worker!.healthPort}`)).toEqual({
      status: 200,
      body: { status: 'ok', store: 'ok', worker: 'running', runningJobs: 0 },
    });
  });

  it('a worker that stops is no longer counted at once; a confirm then still queues the run and says it waits for a worker', async () => {
    // The worker refreshed the inventory the compare needs; then it stops before the confirm.
    const compare = await chat.card('compare Contoso Staging to Contoso Production');
    const preflight = cardOf(await chat.press(actionsByVerb(compare, 'preflight.generate')[0]!));
    const confirm = cardOf(await chat.press(actionsByVerb(preflight, 'preflight.execute')[0]!));
    // system.stop, not the helper's stop: that one also drops the database the web instance still uses.
    await worker!.system.stop();
    worker = undefined;
    expect(await health(web.url)).toMatchObject({ status: 503, body: { workers: { live: 0, lastBeatAt: null } } });

    const answer = cardOf(await chat.press(actionsByVerb(confirm, 'promotion.confirm')[0]!, 'demo-operator', 'run-card-waiting'));
    expect(cardText(answer)).toContain('Queued');
    expect(cardText(answer)).toContain(
      'No worker is running right now: this run waits in the queue and starts as soon as a worker is back.',
    );
    const run = await web.system.db.collection('runs').findOne({});
    expect(run?.status).toBe('queued');

    worker = await startWorker();
    expect((await waitForRun(web, String(run!._id))).status).toBe('succeeded');
  }, 40_000);
});
