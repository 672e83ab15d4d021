// A drift watch outlives the process that accepted it: the bot is stopped and a new one starts on the same database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardText } from '../support/cards';
import { FakeChannel, messageActivity, postActivity } from '../support/fake-channel';
import { startBot, type RunningBot } from '../support/running-bot';

let channel: FakeChannel;
const bots: RunningBot[] = [];

beforeAll(async () => {
  channel = await new FakeChannel().start();
});
afterAll(async () => {
  await bots.at(-1)?.stop();
  await channel?.stop();
});

describe('a drift watch across a restart', () => {
  it('is checked on schedule by a worker started after the process it was created with stopped', async () => {
    // The first process only answers chat (no worker), so nothing can check the watch before it stops.
    const first = await startBot({ ROLE: 'web' });
    bots.push(first);
    const conversation = 'conv-restart';
    const activity = messageActivity(channel, 'watch Contoso Staging to Contoso Lab every 3 hours', { aadObjectId: 'demo-operator' }, conversation);
    await postActivity(first.url, activity);
    await channel.waitFor((a) => a.activity.replyToId === activity.id, 30_000);
    const watch = await first.system.db.collection('watches').findOne({ 'conversation.id': conversation });
    expect(watch).toMatchObject({ intervalHours: 3, status: 'active' });
    const dbName = first.system.db.databaseName;
    await first.system.stop();

    const second = await startBot({ WATCH_SWEEP_INTERVAL_SECONDS: '1' }, { dbName });
    bots.push(second);
    const post = await channel.waitFor((a) => a.conversationId === conversation && a.activity.replyToId !== activity.id, 60_000);
    expect(cardText(post.activity.attachments[0].content)).toContain('Contoso Lab could not be read since');
    await expect.poll(() => second.system.db.collection('watches').findOne({ _id: watch!._id }), { timeout: 10_000 }).toMatchObject({
      lastCheck: { outcome: 'unreadable' },
      unreadable: { tenantIds: [watch!.targetTenantId] },
    });
  });
});
