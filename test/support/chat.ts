// One operator's view of the bot: send a message or click a card action, get what Teams would show.
import { afterAll, beforeAll, expect } from 'vitest';
import { actionInvoke, FakeChannel, messageActivity, postActivity, type Sender } from './fake-channel';
import { startBot, type RunningBot } from './running-bot';

/** What a card action answered: the card that replaces the clicked one, or a Universal Actions error. */
export type ActionAnswer = { kind: 'card'; card: any } | { kind: 'error'; statusCode: number; message: string };

export class Chat {
  constructor(
    readonly bot: RunningBot,
    readonly channel: FakeChannel,
  ) {}

  /** Sends a message as `who` and returns the first activity the bot replies with. */
  async say(text: string, who: Sender | string = 'demo-operator'): Promise<Record<string, any>> {
    const from = typeof who === 'string' ? { aadObjectId: who } : who;
    const activity = messageActivity(this.channel, text, from);
    const res = await postActivity(this.bot.url, activity);
    expect(res.status).toBe(200);
    return (await this.channel.waitFor((a) => a.activity.replyToId === activity.id && a.activity.type === 'message', 30_000)).activity;
  }

  /** Sends a message and returns the Adaptive Card content of the reply (fails if the reply has none). */
  async card(text: string, who: Sender | string = 'demo-operator'): Promise<any> {
    const reply = await this.say(text, who);
    const card = reply.attachments?.[0]?.content;
    if (!card) throw new Error(`reply to "${text}" carried no card: ${JSON.stringify(reply).slice(0, 300)}`);
    return card;
  }

  /** Clicks an Action.Execute (verb + data) as `who`. */
  async click(verb: string, data: unknown, who: Sender | string = 'demo-operator', replyToId = 'card-activity'): Promise<ActionAnswer> {
    const from = typeof who === 'string' ? { aadObjectId: who } : who;
    const res = await postActivity(this.bot.url, actionInvoke(this.channel, verb, data, from, replyToId));
    expect(res.status).toBe(200);
    const body = res.body as { statusCode: number; type: string; value: any };
    if (body.type === 'application/vnd.microsoft.card.adaptive') return { kind: 'card', card: body.value };
    return { kind: 'error', statusCode: body.statusCode, message: body.value?.message ?? '' };
  }

  /** Clicks an action taken from a card (its verb and data) as `who`. */
  async press(action: Record<string, any>, who: Sender | string = 'demo-operator', replyToId?: string): Promise<ActionAnswer> {
    return this.click(String(action.verb), action.data, who, replyToId);
  }
}

/** The card of an answer, failing the test when the action was refused. */
export function cardOf(answer: ActionAnswer): any {
  if (answer.kind !== 'card') throw new Error(`expected a card, got error ${answer.statusCode}: ${answer.message}`);
  return answer.card;
}

/** The demo bot, its fake channel and a chat, started once for the enclosing suite and stopped after it. */
export interface DemoChat {
  readonly bot: RunningBot;
  readonly channel: FakeChannel;
  readonly chat: Chat;
}

/** Registers beforeAll/afterAll hooks that run the demo bot for this suite; `env` overrides its variables. */
export function useDemoChat(env: Record<string, string> = {}): DemoChat {
  const state: { bot?: RunningBot; channel?: FakeChannel; chat?: Chat } = {};
  beforeAll(async () => {
    state.channel = await new FakeChannel().start();
    state.bot = await startBot(env);
    state.chat = new Chat(state.bot, state.channel);
  });
  afterAll(async () => {
    await state.bot?.stop();
    await state.channel?.stop();
  });
  return {
    get bot() {
      return state.bot!;
    },
    get channel() {
      return state.channel!;
    },
    get chat() {
      return state.chat!;
    },
  };
}
