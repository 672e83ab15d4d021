import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { ConversationReference } from 'botbuilder';
import { continueConversation } from './continue-conversation';
import { driftCard, type DriftCardView } from '../cards/drift-card';
import type { CardAttachment } from '../cards/render';
import { errorFields, type Logger } from '../core/logging/logger';
import { SUBJECT_TYPES } from '../core/subjects/registry';
import type { DriftPost, DriftPoster } from '../core/watches/drift-poster';
import type { WatchConversation } from '../core/watches/model';
import { typesText } from './handlers/compare';

/**
 * How a throttled post is retried on top of the Bot Framework connector, whose HTTP pipeline already retries a 429
 * carrying Retry-After three times, waiting as long as it says. This outer budget covers a 429 without Retry-After
 * and a pipeline that gave up: attempts in all, the wait without Retry-After (doubling), and the longest wait taken.
 */
export interface RetryBudget {
  attempts: number;
  fallbackDelayMs: number;
  maxDelayMs: number;
}

const DEFAULT_BUDGET: RetryBudget = { attempts: 3, fallbackDelayMs: 1_000, maxDelayMs: 30_000 };

/**
 * Posts drift cards proactively through the stored conversation reference (personal chat, group chat or channel
 * thread). A 429 from Teams is retried after its Retry-After within a bounded budget; any other refusal is logged and
 * reported, so the check keeps its last announced result and posts again next time.
 */
export class AdapterDriftPoster implements DriftPoster {
  constructor(
    private readonly opts: {
      adapter: TeamsAdapter;
      appId: string;
      log: Logger;
      budget?: RetryBudget;
      sleep?: (ms: number) => Promise<void>;
    },
  ) {}

  async post(conversation: WatchConversation, post: DriftPost): Promise<'posted' | 'failed'> {
    const card = driftCard(cardView(post));
    const budget = this.opts.budget ?? DEFAULT_BUDGET;
    const sleep = this.opts.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
    for (let attempt = 1; ; attempt++) {
      try {
        await this.send(conversation, card);
        return 'posted';
      } catch (error) {
        const throttled = statusOf(error) === 429;
        if (throttled && attempt < budget.attempts) {
          await sleep(Math.min(retryAfterMs(error) ?? budget.fallbackDelayMs * 2 ** (attempt - 1), budget.maxDelayMs));
          continue;
        }
        this.opts.log.error('drift.post.failed', { watchId: post.watchId, conversationKind: conversation.kind, attempts: attempt, ...errorFields(error) });
        return 'failed';
      }
    }
  }

  /** Sends the card; a refusal comes back as the error (see continueConversation). */
  private async send(conversation: WatchConversation, card: CardAttachment): Promise<void> {
    await continueConversation(this.opts.adapter, this.opts.appId, conversation.reference as Partial<ConversationReference>, async (turn) => {
      await turn.sendActivity({ type: 'message', attachments: [card] });
    });
  }

}

/** The card view of a post: type labels from the registry, the message's own facts. */
function cardView(post: DriftPost): DriftCardView {
  const { message } = post;
  const base = {
    sourceName: post.sourceName,
    targetName: post.targetName,
    selection: post.selection,
    typesText: typesText(post.selection.types),
    intervalHours: post.intervalHours,
    checkedAt: post.checkedAt,
  };
  if (message.kind === 'unreadable') return { ...base, kind: 'unreadable', changes: [], unreadable: { tenantNames: message.tenantNames, since: message.since } };
  if (message.kind === 'paused') return { ...base, kind: 'paused', changes: [], pausedReason: message.reason };
  return {
    ...base,
    kind: message.kind,
    changes: message.changes.map((c) => ({
      kind: c.kind,
      typeLabel: SUBJECT_TYPES[c.type].label,
      displayName: c.displayName,
      state: c.state,
      ...(c.previousState ? { previousState: c.previousState } : {}),
    })),
    counts: message.counts,
    fingerprint: message.fingerprint,
  };
}

type HttpFailure = { statusCode?: number; status?: number; response?: { status?: number; headers?: unknown } };

function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as HttpFailure;
  return e.statusCode ?? e.status ?? e.response?.status;
}

/** Retry-After of a failed Connector call, in seconds or as an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(error: unknown, now = Date.now()): number | undefined {
  const headers = (error as HttpFailure | undefined)?.response?.headers;
  const raw =
    headers && typeof (headers as { get?: unknown }).get === 'function'
      ? (headers as { get(name: string): string | undefined }).get('retry-after')
      : (headers as Record<string, string> | undefined)?.['retry-after'];
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1_000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
