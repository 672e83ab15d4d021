import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { Activity, ConversationReference, TurnContext } from 'botbuilder';
import type { DirectoryStore } from '../core/access/directory-store';
import type { ConversationStore } from '../core/conversations/model';
import { errorFields, type Logger } from '../core/logging/logger';
import type { RunProgressNotifier } from '../core/promotion/progress';
import type { PromotionRun, RunStatus, SummaryCounts } from '../core/runs/model';
import { completionActivity } from './completion-notice';
import { runCard } from './handlers/promotion';
import { continueConversation } from './continue-conversation';
import { isThrottled, retryAfterMs, statusOf } from './retry-after';

export interface ConversationNotifierOptions {
  adapter: Pick<TeamsAdapter, 'continueConversationAsync'>;
  appId: string;
  conversations: ConversationStore;
  directory: DirectoryStore;
  /** Least time between two updates of one run's card (PROGRESS_UPDATE_INTERVAL_MS). */
  intervalMs: number;
  logger: Logger;
  /** Attempts per message while Teams throttles (default 5); then the message is dropped and logged. */
  maxAttempts?: number;
  /** Longest single wait, whatever `Retry-After` asks (default 60 s), so a dead conversation holds nothing for long. */
  maxWaitMs?: number;
  /** First wait when a throttled answer names none; doubles per attempt (default 1 s). */
  backoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
  clock?: () => number;
}

/** One run's outbox: the newest card state not yet sent, the final state once the run ended, and pacing. */
interface Outbox {
  /** The newest state accepted; an older one arriving later is ignored (states never go backwards). */
  accepted?: PromotionRun;
  pending?: PromotionRun;
  final?: PromotionRun;
  lastCardAt: number;
  /** Teams' `Retry-After`: no call to this conversation before then. */
  notBefore: number;
  /** Set after a failure that is not throttling (bot removed, conversation gone): progress updates stop. */
  unreachable: boolean;
  touchedAt: number;
  pump?: Promise<void>;
  wake?: () => void;
}

const STATUS_ORDER: Record<RunStatus, number> = { queued: 0, running: 1, succeeded: 2, partially_succeeded: 2, failed: 2 };
/** An outbox with nothing to send and no word for this long is forgotten (a run that ended in another process). */
const IDLE_FORGET_MS = 30 * 60_000;
/** Answers that mean the conversation will not take messages from the bot any more. */
const GONE = new Set([403, 404]);
/** How many ended runs are remembered, so a second `completed` for one run posts nothing. */
const ENDED_MEMORY = 1_000;

/**
 * Posts run progress to the conversation the run was confirmed in, without ever holding the run up: `update` and
 * `completed` only record the newest state and return; a background pump per run updates the card in place at most
 * once per interval (latest state wins), honours Teams' `Retry-After` with a cap, and on completion sends the final
 * card and then one completion notice. Failures are logged with the run id and never thrown.
 */
export class ConversationNotifier implements RunProgressNotifier {
  private readonly outboxes = new Map<string, Outbox>();
  private readonly ended = new Set<string>();
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly opts: ConversationNotifierOptions) {
    this.now = opts.clock ?? Date.now;
    this.sleep = opts.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Records the run's newest state for its card; returns at once. States older than one already recorded are ignored. */
  async update(run: PromotionRun, summary: SummaryCounts): Promise<void> {
    this.forgetIdle();
    if (this.ended.has(run.id)) return;
    const box = this.outbox(run.id);
    const next = { ...run, summary };
    if (box.final || (box.accepted && isBehind(next, box.accepted))) return;
    box.accepted = next;
    if (!box.unreachable) box.pending = next;
    this.kick(run.id, box);
  }

  /** Records the final state; returns at once. The final card and one completion notice follow any update in flight. */
  async completed(run: PromotionRun): Promise<void> {
    if (this.ended.has(run.id)) {
      this.opts.logger.warn('run.notice.repeated', { runId: run.id });
      return;
    }
    this.remember(run.id);
    const box = this.outbox(run.id);
    box.final = run;
    box.pending = undefined;
    box.wake?.();
    this.kick(run.id, box);
  }

  /** Resolves when everything recorded for the run has been posted or given up (for shutdown and tests). */
  async flush(runId: string): Promise<void> {
    for (let box = this.outboxes.get(runId); box?.pump; box = this.outboxes.get(runId)) await box.pump;
  }

  /** flush for every run with something still to post. */
  async flushAll(): Promise<void> {
    await Promise.all([...this.outboxes.keys()].map((id) => this.flush(id)));
  }

  private outbox(runId: string): Outbox {
    let box = this.outboxes.get(runId);
    if (!box) {
      box = { lastCardAt: -Infinity, notBefore: 0, unreachable: false, touchedAt: this.now() };
      this.outboxes.set(runId, box);
    }
    box.touchedAt = this.now();
    return box;
  }

  private kick(runId: string, box: Outbox): void {
    if (box.pump) return;
    box.pump = this.drain(runId, box)
      .catch((error: unknown) => this.opts.logger.error('run.progress.failed', { runId, ...errorFields(error) }))
      .finally(() => {
        box.pump = undefined;
        if (this.outboxes.get(runId) === box && (box.pending || box.final)) this.kick(runId, box);
      });
  }

  private async drain(runId: string, box: Outbox): Promise<void> {
    for (;;) {
      if (box.final) return this.finish(runId, box, box.final);
      const next = box.pending;
      if (!next) return;
      const wait = box.lastCardAt + this.opts.intervalMs - this.now();
      if (wait > 0) {
        await this.pause(box, wait);
        continue;
      }
      box.pending = undefined;
      // A card update that waited out a Retry-After is dropped when a newer state (or the end) arrived meanwhile.
      const posted = await this.post(runId, box, 'card', next, () => this.cardUpdate(next), () => box.pending !== undefined || box.final !== undefined);
      if (posted !== 'superseded') box.lastCardAt = this.now();
    }
  }

  private async finish(runId: string, box: Outbox, run: PromotionRun): Promise<void> {
    await this.post(runId, box, 'card', run, () => this.cardUpdate(run));
    await this.post(runId, box, 'notice', run, async () => {
      const { source, target } = await this.tenantNames(run);
      return (turn) => turn.sendActivity(completionActivity(run, source, target)).then(() => undefined);
    });
    this.outboxes.delete(runId);
  }

  /**
   * Sends one message into the run's conversation, waiting out Teams' `Retry-After` (or a doubling backoff when it
   * names none), each wait capped, at most `maxAttempts` times. Logs and returns instead of throwing.
   */
  private async post(
    runId: string,
    box: Outbox,
    what: 'card' | 'notice',
    run: PromotionRun,
    build: () => Promise<((turn: TurnContext) => Promise<void>) | undefined>,
    superseded: () => boolean = () => false,
  ): Promise<'posted' | 'superseded' | 'failed'> {
    const { logger } = this.opts;
    const maxAttempts = this.opts.maxAttempts ?? 5;
    try {
      const reference = await this.referenceOf(run);
      if (!reference) {
        // No conversation to post to (the run was not confirmed from chat, or its reference is gone): say so once.
        if (run.conversation?.conversationId && !box.unreachable) logger.warn('run.progress.conversation_unknown', { runId });
        box.unreachable = true;
        return 'failed';
      }
      const logic = await build();
      if (!logic) return 'failed';
      for (let attempt = 1; ; attempt++) {
        const wait = box.notBefore - this.now();
        if (wait > 0) await this.sleep(wait);
        if (superseded()) return 'superseded';
        try {
          await continueConversation(this.opts.adapter, this.opts.appId, reference, logic);
          return 'posted';
        } catch (error) {
          if (!isThrottled(error) || attempt >= maxAttempts) throw error;
          const asked = retryAfterMs(error, this.now());
          const delay = Math.min(asked ?? (this.opts.backoffMs ?? 1_000) * 2 ** (attempt - 1), this.opts.maxWaitMs ?? 60_000);
          box.notBefore = this.now() + delay;
          logger.warn('run.progress.throttled', { runId, what, attempt, waitMs: delay, retryAfterGiven: asked !== undefined });
        }
      }
    } catch (error) {
      // The bot was removed from the conversation, or it is gone: further card updates would only fail the same way.
      if (what === 'card' && GONE.has(statusOf(error) ?? 0)) box.unreachable = true;
      logger.error('run.progress.post_failed', { runId, what, ...errorFields(error) });
      return 'failed';
    }
  }

  private async cardUpdate(run: PromotionRun): Promise<((turn: TurnContext) => Promise<void>) | undefined> {
    const activityId = run.conversation?.activityId;
    if (!activityId) return undefined;
    const { source, target } = await this.tenantNames(run);
    const card = runCard(run, { displayName: source }, { displayName: target });
    return (turn) => turn.updateActivity({ id: activityId, type: 'message', attachments: [card] } as Partial<Activity>).then(() => undefined);
  }

  private async tenantNames(run: PromotionRun): Promise<{ source: string; target: string }> {
    const [source, target] = await Promise.all([
      this.opts.directory.getTenant(run.workspaceId, run.sourceTenantId),
      this.opts.directory.getTenant(run.workspaceId, run.targetTenantId),
    ]);
    return { source: source?.displayName ?? run.sourceTenantId, target: target?.displayName ?? run.targetTenantId };
  }

  private async referenceOf(run: PromotionRun): Promise<Partial<ConversationReference> | undefined> {
    const conversationId = run.conversation?.conversationId;
    if (!conversationId) return undefined;
    const stored = await this.opts.conversations.get(run.workspaceId, conversationId);
    return stored?.reference as Partial<ConversationReference> | undefined;
  }

  /** Waits for the interval; completion cuts it short (never a Retry-After wait, which `post` keeps). */
  private async pause(box: Outbox, ms: number): Promise<void> {
    await Promise.race([this.sleep(ms), new Promise<void>((resolve) => (box.wake = resolve))]);
    box.wake = undefined;
  }

  private remember(runId: string): void {
    this.ended.add(runId);
    if (this.ended.size > ENDED_MEMORY) this.ended.delete(this.ended.values().next().value!);
  }

  private forgetIdle(): void {
    const cutoff = this.now() - IDLE_FORGET_MS;
    for (const [id, box] of this.outboxes) if (!box.pump && !box.final && box.touchedAt < cutoff) this.outboxes.delete(id);
  }
}

/** True when `next` is an older state of the run than `seen` (an earlier status, or fewer items processed). */
function isBehind(next: PromotionRun, seen: PromotionRun): boolean {
  const [a, b] = [STATUS_ORDER[next.status] ?? 0, STATUS_ORDER[seen.status] ?? 0];
  return a !== b ? a < b : next.summary.processed < seen.summary.processed;
}
