import { createHttpHeaders, createPipelineRequest, RestError } from '@azure/core-rest-pipeline';
import { describe, expect, it } from 'vitest';
import { createAdapter } from '../../bot/adapter';
import { ConversationNotifier, type ConversationNotifierOptions } from '../../bot/notifier';
import { parseEnv } from '../../core/config/env';
import type { DirectoryStore } from '../../core/access/directory-store';
import type { ConversationStore } from '../../core/conversations/model';
import { memoryLogger } from '../../core/logging/logger';
import type { PromotionRun, RunStatus } from '../../core/runs/model';
import { cardText, expectValidCard } from '../support/cards';
import { FakeChannel } from '../support/fake-channel';
import { makeRun } from '../support/store-fixtures';

/** What the Bot Framework connector throws when Teams refuses a call: a RestError with the answer's headers. */
function teamsRefusal(status: number, headers: Record<string, string> = {}): RestError {
  const request = createPipelineRequest({ url: 'https://smba.trafficmanager.net/teams/v3/conversations/c1/activities' });
  return new RestError(status === 429 ? 'Too Many Requests' : 'Forbidden', { statusCode: status, request, response: { status, headers: createHttpHeaders(headers), request } });
}

/** A channel adapter that records what it posts; `failures` are thrown, one per call, before calls succeed. */
function fakeAdapter(failures: unknown[] = []) {
  const sent: { kind: 'update' | 'send'; activity: any }[] = [];
  let calls = 0;
  const adapter: ConversationNotifierOptions['adapter'] = {
    async continueConversationAsync(_appId: string, _ref: unknown, logic: (turn: any) => Promise<void>) {
      calls += 1;
      const failure = failures.shift();
      if (failure) throw failure;
      await logic({
        updateActivity: async (activity: any) => void sent.push({ kind: 'update', activity }),
        sendActivity: async (activity: any) => void sent.push({ kind: 'send', activity }),
      });
    },
  } as ConversationNotifierOptions['adapter'];
  return { adapter, sent, calls: () => calls };
}

/**
 * A fake clock whose sleeps advance it; with `gated`, every sleep also waits until `release()`, so a test can look at
 * the notifier while a post is waiting out a Retry-After.
 */
function fakeTime(gated = false) {
  let now = 1_000_000;
  const sleeps: number[] = [];
  let gates: (() => void)[] = [];
  return {
    clock: () => now,
    sleeps,
    advance: (ms: number) => void (now += ms),
    sleep: (ms: number) =>
      new Promise<void>((resolve) => {
        sleeps.push(ms);
        const done = () => {
          now += ms;
          resolve();
        };
        if (gated) gates.push(done);
        else done();
      }),
    release: () => {
      const open = gates;
      gates = [];
      open.forEach((g) => g());
    },
  };
}

const conversations = {
  get: async () => ({ conversationId: 'c1', workspaceId: 'w', reference: { conversation: { id: 'c1' } }, lastActorId: 'a', updatedAt: new Date() }),
  save: async () => undefined,
} as unknown as ConversationStore;
const directory = {
  getTenant: async (_w: string, id: string) => ({ id, displayName: id === 'contoso-staging' ? 'Contoso Staging' : 'Contoso Production' }),
} as unknown as DirectoryStore;

function runWithCard(): PromotionRun {
  return { ...makeRun(), conversation: { conversationId: 'c1', activityId: 'card-1', initiator: { id: '29:op', name: 'Demo Operator' } } } as PromotionRun;
}

/** The run while it works on item `n` of 10. */
const atItem = (run: PromotionRun, n: number): [PromotionRun, PromotionRun['summary']] => [
  { ...run, status: 'running', currentItem: `Item ${n}` },
  { total: 10, processed: n, succeeded: n, failed: 0, skipped: 0 },
];

function ended(run: PromotionRun, status: RunStatus, counts: Partial<PromotionRun['summary']> = {}, extra: Partial<PromotionRun> = {}): PromotionRun {
  return { ...run, status, summary: { total: 10, processed: 10, succeeded: 10, failed: 0, skipped: 0, ...counts }, ...extra };
}

function notifierWith(adapter: ConversationNotifierOptions['adapter'], time: ReturnType<typeof fakeTime>, intervalMs = 0) {
  const logger = memoryLogger();
  const notifier = new ConversationNotifier({ adapter, appId: '', conversations, directory, intervalMs, logger, sleep: time.sleep, clock: time.clock });
  return { notifier, logger };
}

const cardOf = (activity: any) => activity.attachments[0].content;

describe('run progress in the conversation', () => {
  it('never holds the item loop: update returns at once while a post waits out Teams’ Retry-After, and only the newest state is sent', async () => {
    const time = fakeTime(true);
    const { adapter, sent } = fakeAdapter([teamsRefusal(429, { 'Retry-After': '3' })]);
    const { notifier } = notifierWith(adapter, time);
    const run = runWithCard();
    for (let n = 0; n < 10; n++) {
      const answered = await Promise.race([notifier.update(...atItem(run, n)).then(() => 'returned'), new Promise((r) => setImmediate(() => r('blocked')))]);
      expect(answered).toBe('returned');
    }
    await new Promise((r) => setImmediate(r));
    expect(time.sleeps).toEqual([3000]);
    expect(sent).toHaveLength(0);

    time.release();
    await notifier.flush(run.id);
    expect(sent.map((s) => s.kind)).toEqual(['update']);
    expect(cardText(cardOf(sent[0]!.activity))).toContain('Item 9');
  });

  it('honours Retry-After in seconds, as a date and in milliseconds, backs off when it names none, and caps every wait', async () => {
    const time = fakeTime();
    const inFive = new Date(time.clock() + 5_000).toUTCString();
    const failures = [
      teamsRefusal(429, { 'Retry-After': '2' }),
      teamsRefusal(429, { 'Retry-After': inFive }),
      teamsRefusal(429, { 'retry-after-ms': '750' }),
      teamsRefusal(429),
      teamsRefusal(429, { 'Retry-After': '86400' }),
    ];
    const { adapter, sent } = fakeAdapter(failures);
    const logger = memoryLogger();
    const notifier = new ConversationNotifier({ adapter, appId: '', conversations, directory, intervalMs: 0, logger, sleep: time.sleep, clock: time.clock, maxAttempts: 6, maxWaitMs: 60_000 });
    const run = runWithCard();
    await notifier.update(...atItem(run, 1));
    await notifier.flush(run.id);
    expect(time.sleeps).toHaveLength(5);
    // The date was 5 s away when the first wait (2 s) began; the fourth answer names no wait: 1 s doubled three times.
    expect(time.sleeps).toEqual([2000, 3000, 750, 8000, 60_000]);
    expect(sent).toHaveLength(1);
    expect(logger.lines.filter((l) => l.event === 'run.progress.throttled').every((l) => l.fields.runId === run.id)).toBe(true);
  });

  it('updates the card at most once per interval with the newest state, and never goes back to an older one', async () => {
    const time = fakeTime();
    const { adapter, sent } = fakeAdapter();
    const { notifier } = notifierWith(adapter, time, 2000);
    const run = runWithCard();
    await notifier.update(...atItem(run, 1));
    await notifier.flush(run.id);
    for (let n = 2; n <= 10; n++) await notifier.update(...atItem(run, n));
    await notifier.flush(run.id);
    await notifier.update(...atItem(run, 4));
    await notifier.flush(run.id);
    expect(sent.map((s) => cardText(cardOf(s.activity)).match(/Item \d+/)?.[0])).toEqual(['Item 1', 'Item 10']);
    expect(time.sleeps).toEqual([2000]);
  });

  it('ends with the final card after any queued update, then one notice: the mention and the result in one message', async () => {
    const time = fakeTime(true);
    const { adapter, sent } = fakeAdapter([teamsRefusal(429, { 'Retry-After': '1' })]);
    const { notifier } = notifierWith(adapter, time, 2000);
    const run = runWithCard();
    await notifier.update(...atItem(run, 3));
    await new Promise((r) => setImmediate(r));
    await notifier.completed(ended(run, 'succeeded', {}, { verified: 10 }));
    await notifier.completed(ended(run, 'succeeded', {}, { verified: 10 }));
    await notifier.update(...atItem(run, 9));
    time.release();
    await notifier.flush(run.id);

    expect(sent.map((s) => s.kind)).toEqual(['update', 'send']);
    expect(cardText(cardOf(sent[0]!.activity))).not.toContain('Item 3');
    const notice = sent[1]!.activity;
    expect(notice.text).toBeUndefined();
    expect(notice.attachments).toHaveLength(1);
    expectValidCard(notice.attachments[0]);
    expect(cardOf(notice).msteams.entities).toEqual([{ type: 'mention', text: '<at>Demo Operator</at>', mentioned: { id: '29:op', name: 'Demo Operator' } }]);
    const text = cardText(cardOf(notice));
    expect(text.startsWith('<at>Demo Operator</at>')).toBe(true);
    expect(text).toContain('Promotion finished');
    expect(text).toContain('10 of 10 subjects promoted from Contoso Staging to Contoso Production.');
    expect(text).toContain('verified in sync');
    expect(JSON.stringify(cardOf(notice))).toContain('"verb":"run.open"');
  });

  it('says a partial or failed ending in plain words, never with a status code', async () => {
    const time = fakeTime();
    const { adapter, sent } = fakeAdapter();
    const { notifier } = notifierWith(adapter, time);
    const partial = runWithCard();
    await notifier.completed(ended(partial, 'partially_succeeded', { succeeded: 7, failed: 2, skipped: 1 }, { verified: 6 }));
    const failed = runWithCard();
    await notifier.completed(ended(failed, 'failed', { processed: 0, succeeded: 0 }, { failureReason: 'The target tenant refused the app registration (403).' }));
    await notifier.flushAll();
    const notices = sent.filter((s) => s.kind === 'send').map((s) => cardText(cardOf(s.activity)));
    expect(notices[0]).toContain('Promotion finished with problems');
    expect(notices[0]).toContain('7 of 10 subjects promoted from Contoso Staging to Contoso Production. 2 failed, 1 skipped.');
    expect(notices[0]).toContain('6 of 7 are verified in sync');
    expect(notices[1]).toContain('Promotion failed');
    expect(notices[1]).toContain('The target tenant refused the app registration (403). Nothing was promoted to Contoso Production.');
    for (const text of notices) expect(text).not.toMatch(/partially_succeeded|\bsucceeded\b/);
  });

  it('logs a refused post with the run id and never throws; a conversation that refuses the bot gets no more card updates', async () => {
    const time = fakeTime();
    const { adapter, sent, calls } = fakeAdapter([teamsRefusal(403), teamsRefusal(403)]);
    const { notifier, logger } = notifierWith(adapter, time);
    const run = runWithCard();
    await notifier.update(...atItem(run, 1));
    await notifier.flush(run.id);
    await notifier.update(...atItem(run, 2));
    await notifier.flush(run.id);
    expect(calls()).toBe(1);
    await notifier.completed(ended(run, 'succeeded'));
    await notifier.flush(run.id);
    expect(calls()).toBe(3);
    expect(sent.map((s) => s.kind)).toEqual(['send']);
    const failures = logger.lines.filter((l) => l.event === 'run.progress.post_failed');
    expect(failures.map((l) => [l.level, l.fields.runId, l.fields.status])).toEqual([
      ['error', run.id, 403],
      ['error', run.id, 403],
    ]);
    expect(JSON.stringify(logger.lines)).not.toContain('smba.trafficmanager.net');
  });

  it('a run whose conversation is not known posts nothing and says so once', async () => {
    const time = fakeTime();
    const { adapter, calls } = fakeAdapter();
    const logger = memoryLogger();
    const unknown = { get: async () => undefined, save: async () => undefined } as unknown as ConversationStore;
    const notifier = new ConversationNotifier({ adapter, appId: '', conversations: unknown, directory, intervalMs: 0, logger, sleep: time.sleep, clock: time.clock });
    const run = runWithCard();
    for (let n = 1; n <= 5; n++) {
      await notifier.update(...atItem(run, n));
      await notifier.flush(run.id);
    }
    expect(calls()).toBe(0);
    expect(logger.lines.filter((l) => l.event === 'run.progress.conversation_unknown')).toEqual([expect.objectContaining({ level: 'warn', fields: { runId: run.id } })]);
  });

  it('gives up on a conversation throttled for good after the attempts cap, and still tries the final message', async () => {
    const time = fakeTime();
    const always429 = Array.from({ length: 20 }, () => teamsRefusal(429, { 'Retry-After': '30' }));
    const { adapter, calls } = fakeAdapter(always429);
    const logger = memoryLogger();
    const notifier = new ConversationNotifier({ adapter, appId: '', conversations, directory, intervalMs: 0, logger, sleep: time.sleep, clock: time.clock, maxAttempts: 3 });
    const run = runWithCard();
    await notifier.update(...atItem(run, 1));
    await notifier.flush(run.id);
    expect(calls()).toBe(3);
    await notifier.completed(ended(run, 'failed', { succeeded: 0 }));
    await notifier.flush(run.id);
    expect(calls()).toBe(9);
    expect(logger.lines.filter((l) => l.event === 'run.progress.post_failed').map((l) => l.fields.status)).toEqual([429, 429, 429]);
  });
});

describe('run progress over the real Bot Framework adapter', () => {
  it('sees Teams refusing a card update with 429 and sends it again after Retry-After, instead of taking it as posted', async () => {
    const channel = await new FakeChannel().start();
    try {
      const reference = { channelId: 'msteams', serviceUrl: channel.serviceUrl, conversation: { id: 'c1' }, bot: { id: '28:tenantatlas', name: 'TenantAtlas' } };
      const stored = { get: async () => ({ conversationId: 'c1', workspaceId: 'w', reference, lastActorId: 'a', updatedAt: new Date() }), save: async () => undefined } as unknown as ConversationStore;
      const logger = memoryLogger();
      const sleeps: number[] = [];
      const adapter = createAdapter(parseEnv({ DEMO_MODE: 'true' }), memoryLogger());
      const notifier = new ConversationNotifier({ adapter, appId: '', conversations: stored, directory, intervalMs: 0, logger, sleep: async (ms) => void sleeps.push(ms), maxAttempts: 3 });
      // More refusals than the connector retries on its own, so the notifier must see the 429 itself.
      channel.refuseNext(4, 429, { 'Retry-After': '0' });
      const run = runWithCard();
      await notifier.update(...atItem(run, 3));
      await notifier.flush(run.id);
      expect(logger.lines.filter((l) => l.event === 'run.progress.throttled').length).toBeGreaterThan(0);
      expect(channel.captured.filter((a) => a.method === 'PUT' && a.conversationId === 'c1')).toHaveLength(1);
    } finally {
      await channel.stop();
    }
  });
});
