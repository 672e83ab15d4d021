import restify from 'restify';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { errorFields, type Logger } from '../core/logging/logger';
import { isWellFormedActivity } from './activity-envelope';

/** What the health endpoint reports: component states only, never configuration. */
export interface HealthProbe {
  store(): Promise<'ok' | 'down'>;
  worker(): 'running' | 'stopped' | 'disabled';
}

/** An extra GET route served beside the bot (signed export downloads). */
export interface ExtraRoute {
  path: string;
  handle(req: restify.Request, res: restify.Response): Promise<void>;
}

export interface BotServer {
  port: number;
  close(): Promise<void>;
}

/** The activity's type, only when it is a short plain word (never echo arbitrary request content into a log). */
function activityTypeOf(body: unknown): string | undefined {
  const type = typeof body === 'object' && body !== null ? (body as { type?: unknown }).type : undefined;
  return typeof type === 'string' && /^[A-Za-z]{1,32}$/.test(type) ? type : undefined;
}

/** Starts restify with `POST /api/messages`, `GET /healthz` and the extra routes. */
export async function startServer(opts: {
  port: number;
  adapter: TeamsAdapter;
  onTurn: (context: TurnContext) => Promise<void>;
  health: HealthProbe;
  routes?: ExtraRoute[];
  logger: Logger;
}): Promise<BotServer> {
  const { logger } = opts;
  const server = restify.createServer({ name: 'tenantatlas' });
  server.use(restify.plugins.bodyParser({ maxBodySize: 512 * 1024, mapParams: false }));
  server.use(restify.plugins.queryParser({ mapParams: false }));

  server.post('/api/messages', async (req, res) => {
    if (!isWellFormedActivity(req.body)) {
      res.status(400);
      res.json({ error: 'not a Bot Framework activity' });
      return;
    }
    // The adapter answers 500 when a token fails verification in a way it does not classify (a bad signature, keys
    // that cannot be fetched); before any turn ran that is always an unauthenticated request, so it is refused as such.
    let turnStarted = false;
    const status = res.status.bind(res);
    res.status = (code: number) => {
      if (code >= 500 && !turnStarted) {
        // Logged without the adapter's message: it can quote the presented token's claims.
        logger.warn('bot.request.unauthenticated', { adapterStatus: code, answered: 401, activityType: activityTypeOf(req.body) });
        return status(401);
      }
      if (code >= 500) logger.error('bot.request.failed', { status: code, activityType: activityTypeOf(req.body) });
      return status(code);
    };
    await opts.adapter.process(req, res, (turn) => {
      turnStarted = true;
      return opts.onTurn(turn);
    });
  });

  server.get('/healthz', async (_req, res) => {
    const store = await opts.health.store().catch((error: unknown) => {
      logger.warn('health.store.down', errorFields(error));
      return 'down' as const;
    });
    const worker = opts.health.worker();
    const ok = store === 'ok' && worker !== 'stopped';
    res.status(ok ? 200 : 503);
    res.json({ status: ok ? 'ok' : 'degraded', store, worker });
  });

  for (const route of opts.routes ?? []) {
    server.get(route.path, async (req, res) => {
      try {
        await route.handle(req, res);
      } catch (error) {
        logger.error('http.route.failed', { route: route.path, headersSent: res.headersSent, ...errorFields(error) });
        if (!res.headersSent) {
          res.status(500);
          res.json({ error: 'internal error' });
        }
      }
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '0.0.0.0', () => resolve());
  });
  const address = server.address() as { port: number };
  logger.info('server.listening', { url: `http://localhost:${address.port}/api/messages` });
  return {
    port: address.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
