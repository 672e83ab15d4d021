// Sends one request to the bot's /api/messages as Teams would (or malformed), and reads what the bot answered:
// the HTTP status, the invoke response, and the reply it posted to the channel.
import { cardText } from '../../support/cards';
import { actionInvoke, messageActivity, postActivity, type FakeChannel } from '../../support/fake-channel';
import type { Attack } from './abuse-catalogue';

/** What the bot did with one request. */
export interface EdgeAnswer {
  status: number;
  /** Universal Actions response status (invokes), e.g. 200 for a card, 400/403/404 for a refusal. */
  invokeStatus?: number;
  /** The text a user would read: the card's text, the refusal's message, or the reply's text. */
  text: string;
  serverError: boolean;
}

/** The operator's answer texts for errors on our side; they must never appear for bad input. */
const SERVER_ERROR_TEXTS = ['Something went wrong', 'misconfigured'];

/** Sends an attack (or any request) and collects the answer. */
export async function send(botUrl: string, channel: FakeChannel, attack: Attack): Promise<EdgeAnswer> {
  const from = { aadObjectId: attack.actor };
  const activity =
    attack.kind === 'invoke'
      ? actionInvoke(channel, attack.verb, attack.data, from)
      : attack.kind === 'message'
        ? messageActivity(channel, attack.text, from)
        : attack.patch(
            attack.base === 'invoke'
              ? actionInvoke(channel, 'run.open', { runId: '00000000-0000-4000-8000-000000000000', page: 1 }, from)
              : messageActivity(channel, 'help', from),
          );
  const res = await postActivity(botUrl, activity);
  const body = res.body as { statusCode?: number; type?: string; value?: any } | undefined;
  let text = '';
  let invokeStatus: number | undefined;
  if (activity.type === 'invoke' && body && typeof body === 'object') {
    invokeStatus = body.statusCode;
    text = body.type === 'application/vnd.microsoft.card.adaptive' ? cardText(body.value) : String(body.value?.message ?? '');
  } else {
    const reply = channel.captured.find((c) => c.activity.replyToId === activity.id);
    const card = reply?.activity.attachments?.[0]?.content;
    text = card ? cardText(card) : String(reply?.activity.text ?? '');
  }
  const serverError = res.status >= 500 || (invokeStatus ?? 0) >= 500 || SERVER_ERROR_TEXTS.some((t) => text.includes(t));
  return { status: res.status, ...(invokeStatus !== undefined ? { invokeStatus } : {}), text, serverError };
}

/** Runs `work` over `items` with at most `limit` in flight; results in input order. */
export async function inParallel<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]!);
      }
    }),
  );
  return results;
}
