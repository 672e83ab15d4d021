import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { actionsByVerb, cardText, factValue } from '../support/cards';
import { cardOf, useDemoChat } from '../support/chat';
import { postActivity } from '../support/fake-channel';

describe('channels, group chats and a second approver', () => {
  const demo = useDemoChat();

  it('in a team channel the @mention is removed before parsing and the answer goes to the same thread', async () => {
    const thread = '19:ops@thread.tacv2;messageid=1700000000000';
    const activity = {
      type: 'message',
      id: randomUUID(),
      channelId: 'msteams',
      serviceUrl: demo.channel.serviceUrl,
      from: { id: '29:demo-operator', name: 'Demo Operator', aadObjectId: 'demo-operator' },
      conversation: { id: thread, conversationType: 'channel', isGroup: true, tenantId: 'tenant-of-the-bot' },
      recipient: { id: '28:tenantatlas', name: 'TenantAtlas' },
      text: '<at>TenantAtlas</at> compare Contoso Staging to Contoso Production',
      entities: [{ type: 'mention', text: '<at>TenantAtlas</at>', mentioned: { id: '28:tenantatlas', name: 'TenantAtlas' } }],
      channelData: { team: { id: '19:team@thread.tacv2' }, channel: { id: '19:ops@thread.tacv2' } },
    };
    expect((await postActivity(demo.bot.url, activity)).status).toBe(200);
    const reply = await demo.channel.waitFor((a) => a.activity.replyToId === activity.id && a.activity.type === 'message', 30_000);
    expect(reply.conversationId).toBe(thread);
    expect(factValue(reply.activity.attachments[0].content, 'In sync')).toBeDefined();
  });

  it('with a second approver required, the requester cannot confirm and another approver can', async () => {
    await demo.bot.system.db.collection('workspaces').updateOne({ _id: 'contoso-msp' as never }, { $set: { 'settings.requireSecondApprover': true } });
    const compare = await demo.chat.card('compare Contoso Staging to Contoso Production');
    const preflight = cardOf(await demo.chat.press(actionsByVerb(compare, 'preflight.generate')[0]!));
    const confirmCard = cardOf(await demo.chat.press(actionsByVerb(preflight, 'preflight.execute')[0]!));
    expect(cardText(confirmCard)).toContain('second');
    const confirm = actionsByVerb(confirmCard, 'promotion.confirm')[0]!;

    const own = cardOf(await demo.chat.press(confirm, 'demo-operator'));
    expect(cardText(own)).toContain('Another approver is needed');
    expect(await demo.bot.system.db.collection('runs').countDocuments()).toBe(0);

    const viewer = await demo.chat.press(confirm, 'demo-viewer');
    expect(viewer).toMatchObject({ kind: 'error', statusCode: 403 });
    expect(await demo.bot.system.db.collection('runs').countDocuments()).toBe(0);

    const approved = cardOf(await demo.chat.press(confirm, 'demo-approver'));
    expect(cardText(approved)).toContain('Queued');
    const run = await demo.bot.system.db.collection('runs').findOne({});
    expect(run).toMatchObject({ initiatorId: 'demo-operator', approverId: 'demo-approver' });
  });
});
