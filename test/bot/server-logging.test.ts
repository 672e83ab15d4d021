import { afterEach, describe, expect, it } from 'vitest';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import { memoryLogger } from '../../core/logging/logger';
import { startServer, type BotServer } from '../../bot/server';

/** An adapter that refuses every request the way botbuilder does when a token fails in a way it does not classify. */
const refusingAdapter = {
  async process(_req: unknown, res: { status(code: number): void; send(body: unknown): void; end(): void }) {
    res.status(500);
    res.send('Error finding key for token eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJ4In0.c2ln');
    res.end();
  },
} as unknown as TeamsAdapter;

describe('the HTTP server logs what it catches', () => {
  let server: BotServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function start(opts: { store?: () => Promise<'ok' | 'down'>; route?: () => Promise<void> } = {}) {
    const logger = memoryLogger();
    server = await startServer({
      port: 0,
      adapter: refusingAdapter,
      onTurn: async () => undefined,
      health: { store: opts.store ?? (async () => 'ok'), worker: () => 'running' },
      routes: [{ path: '/exports', handle: opts.route ?? (async () => undefined) }],
      logger,
    });
    return { logger, url: `http://127.0.0.1:${server.port}` };
  }

  it('a store that cannot be reached reports degraded health and is logged without its connection string', async () => {
    const { logger, url } = await start({ store: () => Promise.reject(new Error('connect ECONNREFUSED mongodb://atlas:s3cret-pass@db.internal:27017')) });
    const res = await fetch(`${url}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'degraded', store: 'down', worker: 'running' });
    const line = logger.lines.find((l) => l.event === 'health.store.down');
    expect(line?.level).toBe('warn');
    expect(String(line?.fields.errorMessage)).toContain('ECONNREFUSED');
    expect(JSON.stringify(logger.lines)).not.toContain('s3cret-pass');
  });

  it('a failing extra route answers 500 and logs the route and error', async () => {
    const { logger, url } = await start({ route: () => Promise.reject(Object.assign(new TypeError('cannot read snapshot'), { code: 'E_SNAPSHOT' })) });
    const res = await fetch(`${url}/exports?token=abc`);
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: 'internal error' });
    expect(logger.lines.find((l) => l.event === 'http.route.failed')).toMatchObject({
      level: 'error',
      fields: { route: '/exports', error: 'TypeError', errorMessage: 'cannot read snapshot', errorCode: 'E_SNAPSHOT' },
    });
  });

  it('a request the adapter fails before any turn is answered 401 and logged without the token', async () => {
    const { logger, url } = await start();
    const res = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJ4In0.c2ln' },
      body: JSON.stringify({ type: 'message', id: '1', channelId: 'msteams', serviceUrl: 'http://127.0.0.1:1/', from: { id: 'u' }, conversation: { id: 'c' }, recipient: { id: 'b' }, text: 'help' }),
    });
    expect(res.status).toBe(401);
    expect(logger.lines.find((l) => l.event === 'bot.request.unauthenticated')).toMatchObject({ level: 'warn', fields: { adapterStatus: 500, answered: 401, activityType: 'message' } });
    expect(JSON.stringify(logger.lines)).not.toContain('eyJ');
  });
});
