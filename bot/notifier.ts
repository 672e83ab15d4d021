import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { ConversationReference, TurnContext } from 'botbuilder';
import { messageCard } from '../cards/message-card';
import type { CardAttachment } from '../cards/render';
import type { DirectoryStore } from '../core/access/directory-store';
import type { ConversationStore } from '../core/conversations/model';
import type { RunProgressNotifier } from '../core/promotion/progress';
import type { PromotionRun, SummaryCounts } from '../core/runs/model';
import { runCard } from './handlers/promotion';

/** Teams throttles bots per conversation; a 429 is retried after this many milliseconds, doubling, a few times. */
const RETRY_DELAYS_MS = [1_000, 2_000, 4_000];

const statusOf = (error: unknown) => (typeof error === 'object' && error !== null ? (error as { statusCode?: number }).statusCode : undefined);

/**
 * Posts run progress to the conversation the run was confirmed in: the run card is updated in place at most
 * once per interval (and always on completion), then one final message mentions the initiator.
 * Every outbound call goes through `send`, which honours Teams' rate limits.
 */
export class ConversationNotifier implements RunProgressNotifier {
  private readonly lastUpdate = new Map<string, number>();

  constructor(
    private readonly opts: {
      adapter: TeamsAdapter;
      appId: string;
      conversations: ConversationStore;
      directory: DirectoryStore;
      intervalMs: number;
      log: (msg: string) => void;
      sleep?: (ms: number) => Promise<void>;
      clock?: () => number;
    },
  ) {}

  /** Updates the run's card unless the last update was less than the interval ago. */
  async update(run: PromotionRun, summary: SummaryCounts): Promise<void> {
    const now = (this.opts.clock ?? Date.now)();
    if (now - (this.lastUpdate.get(run.id) ?? -Infinity) < this.opts.intervalMs) return;
    this.lastUpdate.set(run.id, now);
    await this.updateCard({ ...run, summary });
  }

  /** Final card state, then one message to the conversation mentioning the initiator. */
  async completed(run: PromotionRun): Promise<void> {
    this.lastUpdate.delete(run.id);
    await this.updateCard(run);
    const counts = run.summary;
    const initiator = run.conversation?.initiator;
    const kind = run.undoes ? 'Undo run' : 'Promotion run';
    const text = `${initiator ? `<at>${escapeXml(initiator.name)}</at> ` : ''}${kind} ${run.status.replace('_', ' ')}: ${counts.succeeded} succeeded, ${counts.failed} failed, ${counts.skipped} skipped of ${counts.total}${run.verified !== undefined ? `; ${run.verified} verified in sync` : ''}.`;
    const card = messageCard({
      title: `${kind} ${run.status.replace('_', ' ')}`,
      text: run.failureReason ? `${run.failureReason}` : `${counts.succeeded} of ${counts.total} subjects ${run.undoes ? 'undone' : 'promoted'}.`,
      tone: run.status === 'succeeded' ? 'success' : run.status === 'failed' ? 'error' : 'warning',
      actions: [{ title: 'Open run', verb: 'run.open', data: { runId: run.id, page: 1 } }],
    });
    await this.send(run, async (turn) => {
      await turn.sendActivity({
        type: 'message',
        text,
        attachments: [card],
        ...(initiator ? { entities: [{ type: 'mention', text: `<at>${escapeXml(initiator.name)}</at>`, mentioned: { id: initiator.id, name: initiator.name } }] } : {}),
      });
    });
  }

  private async updateCard(run: PromotionRun): Promise<void> {
    const activityId = run.conversation?.activityId;
    if (!activityId) return;
    const [source, target] = await Promise.all([
      this.opts.directory.getTenant(run.workspaceId, run.sourceTenantId),
      this.opts.directory.getTenant(run.workspaceId, run.targetTenantId),
    ]);
    const card: CardAttachment = runCard(run, source ?? { displayName: run.sourceTenantId }, target ?? { displayName: run.targetTenantId });
    await this.send(run, async (turn) => {
      await turn.updateActivity({ id: activityId, type: 'message', attachments: [card] });
    });
  }

  /** Runs `logic` in the run's conversation; a Teams 429 is retried with backoff, other failures are logged. */
  private async send(run: PromotionRun, logic: (turn: TurnContext) => Promise<void>): Promise<void> {
    const conversationId = run.conversation?.conversationId;
    if (!conversationId) return;
    const stored = await this.opts.conversations.get(run.workspaceId, conversationId);
    if (!stored) return;
    const sleep = this.opts.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
    for (let attempt = 0; ; attempt++) {
      try {
        await this.opts.adapter.continueConversationAsync(this.opts.appId, stored.reference as Partial<ConversationReference>, logic);
        return;
      } catch (error) {
        const delay = RETRY_DELAYS_MS[attempt];
        if (statusOf(error) === 429 && delay !== undefined) {
          await sleep(delay);
          continue;
        }
        this.opts.log(`run ${run.id}: could not post to the conversation (${statusOf(error) ?? 'network error'})`);
        return;
      }
    }
  }
}

function escapeXml(text: string): string {
  return text.replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c]!);
}
