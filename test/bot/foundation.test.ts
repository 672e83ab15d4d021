import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeChannel, messageActivity, postActivity } from '../support/fake-channel';
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

  it('reports store and worker health without any configuration', async () => {
    const res = await fetch(`${bot.url}/healthz`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({ status: 'ok', store: 'ok', worker: 'running' });
  });
});

describe('bot with a Microsoft App ID configured', () => {
  let bot: RunningBot;
  let channel: FakeChannel;
  beforeAll(async () => {
    channel = await new FakeChannel().start();
    bot = await startBot({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-a-real-secret', ROLE: 'web' });
  });
  afterAll(async () => {
    await bot?.stop();
    await channel?.stop();
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
});
