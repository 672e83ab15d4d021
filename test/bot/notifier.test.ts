import { describe, expect, it } from 'vitest';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import { ConversationNotifier } from '../../bot/notifier';
import type { DirectoryStore } from '../../core/access/directory-store';
import type { ConversationStore } from '../../core/conversations/model';
import type { PromotionRun } from '../../core/runs/model';
import { makeRun } from '../support/store-fixtures';

/** Records what the notifier sends; `failures` are thrown (one per call) before succeeding. */
function fakeAdapter(failures: unknown[] = []) {
  const sent: { kind: 'update' | 'send'; activity: any }[] = [];
  const adapter = {
    async continueConversationAsync(_appId: string, _ref: unknown, logic: (turn: any) => Promise<void>) {
      const failure = failures.shift();
      if (failure) throw failure;
      await logic({
        updateActivity: async (activity: any) => sent.push({ kind: 'update', activity }),
        sendActivity: async (activity: any) => sent.push({ kind: 'send', activity }),
      });
    },
  } as unknown as TeamsAdapter;
  return { adapter, sent };
}

const conversations = {
  get: async () => ({ conversationId: 'c1', workspaceId: 'w', reference: { conversation: { id: 'c1' } }, lastActorId: 'a', updatedAt: new Date() }),
  save: async () => undefined,
} as unknown as ConversationStore;
const directory = { getTenant: async (_w: string, id: string) => ({ id, displayName: `Tenant ${id.slice(0, 4)}` }) } as unknown as DirectoryStore;

function runWithCard(): PromotionRun {
  return { ...makeRun(), conversation: { conversationId: 'c1', activityId: 'card-1', initiator: { id: '29:op', name: 'Demo Operator' } } } as PromotionRun;
}

describe('run progress in the conversation', () => {
  it('updates the card at most once per interval, and always on completion with one final mention', async () => {
    let clock = 0;
    const { adapter, sent } = fakeAdapter();
    const notifier = new ConversationNotifier({ adapter, appId: '', conversations, directory, intervalMs: 2000, log: () => undefined, clock: () => clock });
    const run = runWithCard();
    for (let i = 0; i < 10; i++) {
      await notifier.update(run, { ...run.summary, processed: i });
      clock += 500;
    }
    expect(sent.filter((s) => s.kind === 'update')).toHaveLength(3);
    await notifier.completed({ ...run, status: 'succeeded' });
    expect(sent.filter((s) => s.kind === 'update')).toHaveLength(4);
    const finals = sent.filter((s) => s.kind === 'send');
    expect(finals).toHaveLength(1);
    expect(finals[0]!.activity.entities[0]).toMatchObject({ type: 'mention', mentioned: { id: '29:op', name: 'Demo Operator' } });
    expect(finals[0]!.activity.text).toContain('<at>Demo Operator</at>');
  });

  it('retries a Teams 429 with backoff and gives up quietly on other failures', async () => {
    const sleeps: number[] = [];
    const { adapter, sent } = fakeAdapter([{ statusCode: 429 }, { statusCode: 429 }]);
    const notifier = new ConversationNotifier({ adapter, appId: '', conversations, directory, intervalMs: 0, log: () => undefined, sleep: async (ms) => void sleeps.push(ms) });
    await notifier.update(runWithCard(), runWithCard().summary);
    expect(sleeps).toEqual([1000, 2000]);
    expect(sent).toHaveLength(1);

    const logs: string[] = [];
    const broken = fakeAdapter([{ statusCode: 403 }]);
    const quiet = new ConversationNotifier({ adapter: broken.adapter, appId: '', conversations, directory, intervalMs: 0, log: (m) => logs.push(m) });
    await quiet.update(runWithCard(), runWithCard().summary);
    expect(broken.sent).toHaveLength(0);
    expect(logs[0]).toContain('could not post');
  });
});
