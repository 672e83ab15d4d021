import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_FALLBACK_ACTOR } from '../../bot/actor';
import { NOT_FOUND_TEXT } from '../../bot/answers';
import { actionInvoke, FakeChannel, messageActivity, postActivity } from '../support/fake-channel';
import { ChannelTokens } from '../reliability/harness/bot-framework-tokens';
import { startBot, type RunningBot } from '../support/running-bot';
import { actionsByVerb, cardText, expectValidCard } from '../support/cards';

describe('bot over the Bot Framework protocol (demo, no credentials)', () => {
  let bot: RunningBot;
  let channel: FakeChannel;
  beforeAll(async () => {
    channel = await new FakeChannel().start();
    bot = await startBot();
  });
  afterAll(async () => {
    await bot?.stop();
    await channel?.stop();
  });

  it('answers "help" with an Adaptive Card 1.5 listing the commands', async () => {
    const sent = messageActivity(channel, 'help', { aadObjectId: 'demo-operator' });
    const res = await postActivity(bot.url, sent);
    expect(res.status).toBe(200);
    const reply = await channel.waitFor((a) => a.activity.replyToId === sent.id);
    const card = reply.activity.attachments?.[0];
    expect(card?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expectValidCard(card);
    expect(JSON.stringify(card.content)).toContain('tenants [«filter»]');
  });

  it('answers an unknown command with a short "I did not understand" and a button that shows help', async () => {
    const sent = messageActivity(channel, 'please delete everything', { aadObjectId: 'demo-viewer' });
    await postActivity(bot.url, sent);
    const reply = await channel.waitFor((a) => a.activity.replyToId === sent.id);
    const card = reply.activity.attachments![0]!;
    expectValidCard(card as never);
    expect(cardText(card as never)).toContain('I did not understand that');
    expect(cardText(card as never)).not.toContain('«source»');
    expect(actionsByVerb(card as never, 'help.show')).toHaveLength(1);
  });

  it('a command that fails on our side answers that nothing was changed, and is logged once without the message text', async () => {
    const snapshots = bot.system.deps.snapshots;
    const headers = snapshots.headers.bind(snapshots);
    snapshots.headers = () => Promise.reject(Object.assign(new Error('server selection timed out'), { name: 'MongoServerSelectionError' }));
    try {
      const sent = messageActivity(channel, 'tenants contoso', { aadObjectId: 'demo-operator' });
      await postActivity(bot.url, sent);
      const reply = await channel.waitFor((a) => a.activity.replyToId === sent.id);
      expect(JSON.stringify(reply.activity.attachments?.[0]?.content)).toContain('Nothing was changed; please try again.');
    } finally {
      snapshots.headers = headers;
    }
    const lines = bot.logs.map((l) => JSON.parse(l)).filter((l) => l.event === 'command.failed');
    expect(lines).toEqual([expect.objectContaining({ level: 'error', error: 'MongoServerSelectionError', conversationId: 'conv-demo-operator' })]);
    expect(bot.logs.join('\n')).not.toContain('tenants contoso');
  });

  it('reports store and worker health without any configuration', async () => {
    const res = await fetch(`${bot.url}/healthz`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({ status: 'ok', store: 'ok', worker: 'running' });
  });
});

/** A member of the production directory, and the demo identity, made a member too so a fallback to it would show. */
const MEMBER = '00000000-0000-0000-0000-0000000000a1';
const SEED = {
  workspaces: [
    {
      id: 'contoso-msp',
      name: 'Contoso MSP',
      requireSecondApprover: true,
      tenants: [{ id: '8a1f3c52-6d4e-4b1a-9f2e-3c5d7e9a1b20', displayName: 'Contoso Production', environment: 'production' }],
      members: [MEMBER, DEMO_FALLBACK_ACTOR].map((actorId) => ({
        actorId,
        displayName: actorId === MEMBER ? 'Alex Operator' : 'Demo Operator',
        workspace: ['WORKSPACE_BASELINES_VIEW'],
        tenants: { 'Contoso Production': ['TENANT_VIEW'] },
      })),
    },
  ],
};

/** A complete production configuration: the bot and the Graph registration, the directory from SEED. */
const APP_ID = '00000000-0000-0000-0000-000000000001';
const PRODUCTION = {
  DEMO_MODE: 'auto',
  MicrosoftAppId: APP_ID,
  MicrosoftAppPassword: 'not-a-real-secret',
  GRAPH_CLIENT_ID: '00000000-0000-0000-0000-000000000002',
  GRAPH_CLIENT_SECRET: 'not-a-real-graph-secret',
  ROLE: 'web',
};

describe('bot with production credentials configured', () => {
  let bot: RunningBot;
  let channel: FakeChannel;
  let tokens: ChannelTokens;
  let published: { stop(): void };
  beforeAll(async () => {
    channel = await new FakeChannel().start();
    const seedFile = join(mkdtempSync(join(tmpdir(), 'seed-')), 'seed.json');
    writeFileSync(seedFile, JSON.stringify(SEED));
    bot = await startBot({ ...PRODUCTION, SEED_FILE: seedFile });
    tokens = new ChannelTokens(APP_ID);
    published = await tokens.publish();
  });
  afterAll(async () => {
    published?.stop();
    await bot?.stop();
    await channel?.stop();
  });

  /** Clicks `Next page` on the tenants card as `aadObjectId`, with a valid channel token; returns the invoke answer. */
  async function tenantsPageAs(aadObjectId: string) {
    const activity = actionInvoke(channel, 'tenants.page', { filter: '', page: 1 }, { aadObjectId });
    const res = await postActivity(bot.url, activity, { authorization: `Bearer ${tokens.signed(tokens.claims(channel.serviceUrl))}` });
    expect(res.status).toBe(200);
    return res.body as { statusCode: number; type: string; value: any };
  }

  it('runs in production, not in demo mode', () => {
    expect(bot.system.deps.demoMode).toBe(false);
    expect(bot.system.sandbox).toBeUndefined();
  });

  it('refuses an unauthenticated request with 401 and sends nothing', async () => {
    const res = await postActivity(bot.url, messageActivity(channel, 'help', { aadObjectId: 'demo-operator' }));
    expect(res.status).toBe(401);
    expect(channel.captured).toHaveLength(0);
  });

  it('refuses a forged bearer token with 401', async () => {
    const res = await postActivity(bot.url, messageActivity(channel, 'help', { aadObjectId: 'demo-operator' }), { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJhdWQiOiJ4In0.' });
    expect(res.status).toBe(401);
  });

  it('answers an authenticated Teams user who is not a member exactly as a stranger, never as the demo operator', async () => {
    const member = await tenantsPageAs(MEMBER);
    expect(member.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(member.value)).toContain('Contoso Production');

    const stranger = await tenantsPageAs(randomUUID());
    expect(stranger).toMatchObject({ statusCode: 404, type: 'application/vnd.microsoft.error', value: { message: NOT_FOUND_TEXT } });
    expect(await bot.system.db.collection('conversations').countDocuments({ lastActorId: DEMO_FALLBACK_ACTOR })).toBe(0);
  });
});
