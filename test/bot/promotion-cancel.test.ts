import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { actionsByVerb, cardText } from '../support/cards';
import { cardOf, type ActionAnswer } from '../support/chat';
import { useDemoChat } from '../support/chat';
import { waitForRun } from '../support/running-bot';

describe('cancelling a promotion request from chat', () => {
  const demo = useDemoChat({ PROGRESS_UPDATE_INTERVAL_MS: '0' });

  /** The operator asks to execute Contoso Staging → Contoso Production and gets the confirmation card's actions. */
  async function pendingRequest(who = 'demo-operator') {
    const compare = await demo.chat.card('compare Contoso Staging to Contoso Production', who);
    const preflight = cardOf(await demo.chat.press(actionsByVerb(compare, 'preflight.generate')[0]!, who));
    const confirmCard = cardOf(await demo.chat.press(actionsByVerb(preflight, 'preflight.execute')[0]!, who));
    const confirm = actionsByVerb(confirmCard, 'promotion.confirm')[0]!;
    const cancel = actionsByVerb(confirmCard, 'promotion.cancel')[0]!;
    return { confirm, cancel, requestId: String((cancel.data as { requestId: string }).requestId) };
  }

  const requests = () => demo.bot.system.db.collection('promotionRequests');
  const audits = (action: string) => demo.bot.system.db.collection('auditEvents').find({ action }).toArray();
  const errorOf = (answer: ActionAnswer) => {
    if (answer.kind !== 'error') throw new Error(`expected a refusal, got a card: ${cardText(answer.card).slice(0, 200)}`);
    return answer;
  };

  it('a made-up or foreign request id answers with the same not-found text as an unknown run', async () => {
    const { cancel, requestId } = await pendingRequest();
    const unknownRun = errorOf(await demo.chat.click('run.open', { runId: randomUUID(), page: 1 }));
    const madeUp = errorOf(await demo.chat.press({ ...cancel, data: { ...(cancel.data as object), requestId: randomUUID() } }));
    const foreign = errorOf(await demo.chat.press(cancel, 'demo-fabrikam'));
    expect(unknownRun.statusCode).toBe(404);
    expect(madeUp).toEqual(unknownRun);
    expect(foreign).toEqual(unknownRun);
    expect((await requests().findOne({ _id: requestId as never }))?.closedAt).toBeUndefined();
    expect(await audits('promotion.request.cancelled')).toHaveLength(0);
  });

  it('the requester cancels: answered in plain words, audited, and the request can no longer be confirmed', async () => {
    const { confirm, cancel, requestId } = await pendingRequest();
    const cancelled = cardOf(await demo.chat.press(cancel));
    expect(cardText(cancelled)).toContain('Promotion cancelled');
    expect(cardText(cancelled)).toContain('The promotion from Contoso Staging to Contoso Production was cancelled. Nothing was started and no tenant was changed.');
    const [event, ...more] = await audits('promotion.request.cancelled');
    expect(more).toEqual([]);
    expect(event).toMatchObject({ actorId: 'demo-operator', metadata: { requestId, requester: 'demo-operator', byRequester: true } });
    expect(event!.tenantIds).toHaveLength(2);

    expect(cardText(cardOf(await demo.chat.press(confirm)))).toContain('already used');
    const again = cardOf(await demo.chat.press(cancel));
    expect(cardText(again)).toContain('was already confirmed or cancelled');
    expect(await audits('promotion.request.cancelled')).toHaveLength(1);
    expect(await demo.bot.system.db.collection('runs').countDocuments()).toBe(0);
  });

  it('an approver may cancel someone else’s request', async () => {
    const { cancel } = await pendingRequest();
    expect(cardText(cardOf(await demo.chat.press(cancel, 'demo-approver')))).toContain('Promotion cancelled');
    const events = await audits('promotion.request.cancelled');
    expect(events.at(-1)).toMatchObject({ actorId: 'demo-approver', metadata: { requester: 'demo-operator', byRequester: false } });
  });

  it('a store failure while cancelling answers that nothing was changed, and is logged once with the verb', async () => {
    const { cancel, requestId } = await pendingRequest();
    const requests = demo.bot.system.deps.requests;
    const close = requests.close.bind(requests);
    requests.close = () => Promise.reject(Object.assign(new Error('connection 3 to 127.0.0.1:27017 closed'), { name: 'MongoNetworkError' }));
    try {
      const failed = errorOf(await demo.chat.press(cancel));
      expect(failed).toMatchObject({ statusCode: 500, message: 'Something went wrong on our side. Nothing was changed; please try again.' });
    } finally {
      requests.close = close;
    }
    const lines = demo.bot.logs.map((l) => JSON.parse(l)).filter((l) => l.event === 'card.action.failed');
    expect(lines).toEqual([expect.objectContaining({ level: 'error', verb: 'promotion.cancel', error: 'MongoNetworkError' })]);
    expect((await demo.bot.system.db.collection('promotionRequests').findOne({ _id: requestId as never }))?.closedAt).toBeUndefined();
  });

  it('a viewer cannot cancel an operator’s request: refused, audited, nothing changes, and the operator can still confirm it', async () => {
    const { confirm, cancel, requestId } = await pendingRequest();
    const before = (await audits('promotion.request.cancelled')).length;
    const refused = errorOf(await demo.chat.press(cancel, 'demo-viewer'));
    expect(refused.statusCode).toBe(403);
    expect(refused.message).toContain('Only the person who asked for this promotion, or someone who may promote to Contoso Production, can cancel it.');
    expect(refused.message).toContain('Nothing was changed.');
    const forbidden = await audits('action.forbidden');
    expect(forbidden.at(-1)).toMatchObject({ actorId: 'demo-viewer', metadata: { attempted: 'promotion.cancel' } });
    expect((await requests().findOne({ _id: requestId as never }))?.closedAt).toBeUndefined();
    expect(await audits('promotion.request.cancelled')).toHaveLength(before);

    const queued = cardOf(await demo.chat.press(confirm, 'demo-operator', 'run-card-cancel'));
    expect(cardText(queued)).toContain('Queued');
    const runId = String((await demo.bot.system.db.collection('runs').findOne({}))!._id);
    expect((await waitForRun(demo.bot, runId)).status).toBe('succeeded');
  });
});
