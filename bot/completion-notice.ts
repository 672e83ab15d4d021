import type { Activity } from 'botbuilder';
import { messageCard, type MessageTone } from '../cards/message-card';
import type { CardAttachment } from '../cards/render';
import type { PromotionRun } from '../core/runs/model';

type Ended = Pick<PromotionRun, 'id' | 'status' | 'summary' | 'verified' | 'failureReason' | 'conversation'> & Partial<Pick<PromotionRun, 'undoes'>>;

/**
 * The one message a run's end posts: the result card, with the initiator's mention inside it (a card mention notifies
 * in Teams like a text one), so the chat shows one notice, not a text and a card that say the same thing.
 */
export function completionActivity(run: Ended, sourceName: string, targetName: string): Partial<Activity> {
  const { title, text, tone } = resultWords(run, sourceName, targetName);
  const card = messageCard({ title, text, tone, actions: [{ title: 'Open run', verb: 'run.open', data: { runId: run.id, page: 1 } }] });
  const initiator = run.conversation?.initiator;
  return { type: 'message', attachments: [initiator ? withMention(card, initiator) : card] };
}

/** The card with `<at>name</at>` above its content and the mention entity Teams resolves it with. */
function withMention(card: CardAttachment, person: { id: string; name: string }): CardAttachment {
  const mention = `<at>${escapeXml(person.name)}</at>`;
  const content = card.content as { body?: unknown[]; msteams?: Record<string, unknown> };
  return {
    ...card,
    content: {
      ...card.content,
      body: [{ type: 'TextBlock', text: mention, wrap: true }, ...(content.body ?? [])],
      msteams: { ...content.msteams, entities: [{ type: 'mention', text: mention, mentioned: { id: person.id, name: person.name } }] },
    },
  };
}

/** The result in the operator's words: what reached the target, what did not, and whether it is in sync. */
function resultWords(run: Ended, source: string, target: string): { title: string; text: string; tone: MessageTone } {
  if (run.undoes) return undoWords(run, target);
  const c = run.summary;
  const promoted = `${c.succeeded} of ${c.total} ${c.total === 1 ? 'subject' : 'subjects'} promoted from ${source} to ${target}.`;
  switch (run.status) {
    case 'succeeded':
      return { title: 'Promotion finished', text: `${promoted}${verifiedWords(run)}`, tone: 'success' };
    case 'partially_succeeded':
      return {
        title: 'Promotion finished with problems',
        text: `${promoted} ${notPromoted(c)} Open the run to see why.${verifiedWords(run)}`,
        tone: 'warning',
      };
    case 'failed':
      return {
        title: 'Promotion failed',
        text: `${run.failureReason ?? 'The run stopped before it could finish.'} ${c.succeeded > 0 ? promoted : `Nothing was promoted to ${target}.`}`,
        tone: 'error',
      };
    default:
      return { title: 'Promotion ended', text: `${promoted} Open the run for its current state.`, tone: 'info' };
  }
}

function notPromoted(c: PromotionRun['summary']): string {
  const parts = [c.failed > 0 ? `${c.failed} failed` : '', c.skipped > 0 ? `${c.skipped} skipped` : ''].filter(Boolean);
  return parts.length > 0 ? `${parts.join(', ')}.` : '';
}

/** An undo run's result: what was deleted or restored in the target, and whether each was verified. */
function undoWords(run: Ended, target: string): { title: string; text: string; tone: MessageTone } {
  const c = run.summary;
  const undone = `${c.succeeded} of ${c.total} ${c.total === 1 ? 'subject' : 'subjects'} undone in ${target}.`;
  const verified = run.verified === undefined || c.succeeded === 0 ? '' : run.verified >= c.succeeded ? ' All of them are verified: deleted ones are gone, restored ones hold their settings from before the promotion.' : ` ${run.verified} of ${c.succeeded} are verified; open the run for the rest.`;
  switch (run.status) {
    case 'succeeded':
      return { title: 'Undo finished', text: `${undone}${verified}`, tone: 'success' };
    case 'failed':
      return { title: 'Undo failed', text: `${run.failureReason ?? 'The undo run stopped before it could finish.'} ${c.succeeded > 0 ? undone : `Nothing was undone in ${target}.`}`, tone: 'error' };
    default:
      return { title: 'Undo finished with problems', text: `${undone} ${notPromoted(c)} Open the run to see why.${verified}`, tone: 'warning' };
  }
}

/** "Verified" means the next compare shows the subject In sync. */
function verifiedWords(run: Ended): string {
  if (run.verified === undefined || run.summary.succeeded === 0) return '';
  if (run.verified >= run.summary.succeeded) return ' All of them are verified in sync with the source.';
  return ` ${run.verified} of ${run.summary.succeeded} are verified in sync; open the run for the differences.`;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c]!);
}
