// Scenario 5: with MicrosoftAppId set, every request without a valid Bot Framework token is refused with 401 and runs
// no turn; a correctly signed token is accepted (so the refusals are not a bot that refuses everything); and no HTTP
// answer of the bot — health endpoint included — carries configuration.
import { randomUUID } from 'node:crypto';
import { actionInvoke, FakeChannel, messageActivity } from '../../support/fake-channel';
import { ChannelTokens } from '../harness/bot-framework-tokens';
import { scenarioDbName, startBotUnderTest } from '../harness/bot-under-test';
import { dumpDatabase, type Evidence } from '../harness/evidence';
import { FAKE_SECRETS } from '../harness/secret-scan';

/** The scenario's figures: every forged request refused with 401, the valid one accepted, no configuration leaked. */
export interface AuthFigures {
  forged: number;
  refused401: number;
  /** Forged requests answered otherwise, by label and status. */
  notRefused: string[];
  /** Turns that ran for forged requests (conversations remembered, activities sent): must be 0. */
  turnsFromForged: number;
  validTokenAccepted: boolean;
  healthBody: unknown;
  probedRoutes: number;
  /** Configuration values found in any answer (body or headers) of the probed routes. */
  leaks: string[];
}

const APP_ID = '3c0b1e2d-7f4a-4d6b-9e8f-0a1b2c3d4e5f';
const GRAPH_CLIENT_ID = '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';

export async function runAuthScenario(opts: { serverUri: string }, evidence: Evidence): Promise<AuthFigures> {
  const channel = await new FakeChannel().start();
  const dbName = scenarioDbName('auth');
  const bot = await startBotUnderTest(
    opts.serverUri,
    // A complete production configuration: demo mode refuses to start beside production settings.
    { ROLE: 'web', MicrosoftAppId: APP_ID, ...FAKE_SECRETS, GRAPH_CLIENT_ID, DEMO_MODE: 'auto' },
    dbName,
  );
  const tokens = new ChannelTokens(APP_ID);
  const published = await tokens.publish();
  const post = async (activity: Record<string, unknown>, authorization?: string, query = '') => {
    const res = await fetch(`${bot.url}/api/messages${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization !== undefined ? { authorization } : {}) },
      body: JSON.stringify(activity),
    });
    return { status: res.status, body: await res.text() };
  };
  try {
    const message = () => messageActivity(channel, 'help', { aadObjectId: 'demo-operator' });
    const invoke = () => actionInvoke(channel, 'run.open', { runId: randomUUID(), page: 1 }, { aadObjectId: 'demo-operator' });
    const valid = tokens.claims(channel.serviceUrl);
    const forged: [string, () => Record<string, unknown>, string | undefined, string?][] = [
      ['no Authorization header', message, undefined],
      ['empty bearer', message, 'Bearer '],
      ['garbage bearer', invoke, 'Bearer not-a-token'],
      ['basic credentials', message, `Basic ${Buffer.from(`${APP_ID}:${FAKE_SECRETS.MicrosoftAppPassword}`).toString('base64')}`],
      ['unsigned token (alg none)', invoke, `Bearer ${tokens.unsigned(valid)}`],
      ['HMAC token keyed with the bot password', invoke, `Bearer ${tokens.hmac(valid, FAKE_SECRETS.MicrosoftAppPassword)}`],
      ['token signed by an unknown key', invoke, `Bearer ${tokens.signedByAttacker(valid, 'attacker-key')}`],
      ['token signed by another key under the published key id', invoke, `Bearer ${tokens.signedByAttacker(valid)}`],
      ['valid signature, another audience', invoke, `Bearer ${tokens.signed(tokens.claims(channel.serviceUrl, { aud: randomUUID() }))}`],
      [
        'valid signature, another issuer',
        invoke,
        `Bearer ${tokens.signed(tokens.claims(channel.serviceUrl, { iss: 'https://sts.windows.net/evil/' }))}`,
      ],
      [
        'valid signature, expired',
        invoke,
        `Bearer ${tokens.signed(tokens.claims(channel.serviceUrl, { nbf: 1_600_000_000, exp: 1_600_000_600 }))}`,
      ],
      ['valid signature, replies redirected elsewhere', invoke, `Bearer ${tokens.signed(tokens.claims('https://attacker.example/'))}`],
      [
        'valid signature, a channel the key is not endorsed for',
        () => ({ ...invoke(), channelId: 'webchat' }),
        `Bearer ${tokens.signed(valid)}`,
      ],
      ['token in the query string', message, undefined, `?access_token=${tokens.signed(valid)}`],
    ];
    const notRefused: string[] = [];
    let refused401 = 0;
    for (const [label, activity, authorization, query] of forged) {
      const answer = await post(activity(), authorization, query);
      if (answer.status === 401) refused401 += 1;
      else notRefused.push(`${label}: ${answer.status}`);
    }
    const turnsFromForged = channel.captured.length + (await bot.system.db.collection('conversations').countDocuments());
    const accepted = await post(invoke(), `Bearer ${tokens.signed(valid)}`);

    const routes: [string, string][] = [
      ['GET', '/healthz'],
      ['GET', '/healthz?verbose=true'],
      ['GET', '/'],
      ['GET', '/api/messages'],
      ['POST', '/healthz'],
      ['GET', '/exports/anything'],
      ['GET', '/.env'],
      ['GET', '/api/messages/../../healthz'],
    ];
    const config = [
      APP_ID,
      GRAPH_CLIENT_ID,
      FAKE_SECRETS.MicrosoftAppPassword,
      FAKE_SECRETS.GRAPH_CLIENT_SECRET,
      bot.mongoUri,
      dbName,
      bot.system.graphBaseUrl,
      'mongodb://',
    ];
    const leaks: string[] = [];
    let healthBody: unknown;
    for (const [method, path] of routes) {
      const res = await fetch(`${bot.url}${path}`, { method });
      const text = `${JSON.stringify(Object.fromEntries(res.headers.entries()))}\n${await res.text()}`;
      if (method === 'GET' && path === '/healthz') healthBody = JSON.parse(text.slice(text.indexOf('\n') + 1));
      for (const value of config)
        if (text.toLowerCase().includes(value.toLowerCase())) leaks.push(`${method} ${path} shows a configured value`);
    }
    return {
      forged: forged.length,
      refused401,
      notRefused,
      turnsFromForged,
      validTokenAccepted: accepted.status === 200,
      healthBody,
      probedRoutes: routes.length,
      leaks,
    };
  } finally {
    published.stop();
    evidence.logs.push(...bot.logs);
    evidence.documents.push(...(await dumpDatabase(bot.system.db).catch(() => [])));
    await bot.stop();
    await channel.stop();
  }
}
