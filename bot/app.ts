import { Application, type TeamsAdapter } from '@microsoft/teams-ai';
import { ActivityTypes, MemoryStorage, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { CardAttachment } from '../cards/render';
import { CARD_VERBS, type CardVerb } from '../cards/verbs';
import { errorFields } from '../core/logging/logger';
import { describeError, errorCard } from './answers';
import type { BotDeps } from './bot-deps';
import { parseCommand } from './commands/grammar';
import { ACTION_HANDLERS } from './handlers/action-handlers';
import { answerCommand, answerWithoutRequest } from './handlers/command-handlers';
import { openRequest } from './turn';

const ActionInvoke = z.object({
  action: z.object({ type: z.literal('Action.Execute'), verb: z.string().max(64), data: z.unknown().optional() }),
});

/** Largest message text the bot reads; longer text is refused before parsing. */
const MAX_MESSAGE = 2_000;

/** The teams-ai Application: messages go to the command grammar, `Action.Execute` invokes to the verb table. */
export function createBotApplication(adapter: TeamsAdapter, deps: BotDeps): Application {
  const app = new Application({ adapter, storage: new MemoryStorage(), removeRecipientMention: true, startTypingTimer: false });

  app.activity(ActivityTypes.Message, async (turn) => {
    const reply = await answerMessage(deps, turn).catch((error: unknown) => {
      if (describeError(error).status >= 500) deps.logger.error('command.failed', { conversationId: turn.activity.conversation?.id, ...errorFields(error) });
      return errorCard(error);
    });
    await turn.sendActivity(typeof reply === 'string' ? reply : { attachments: [reply] });
  });

  app.addRoute(
    async (turn) => turn.activity.type === ActivityTypes.Invoke && turn.activity.name === 'adaptiveCard/action',
    async (turn) => {
      await turn.sendActivity({ type: 'invokeResponse', value: await answerAction(deps, turn) });
    },
    true,
  );
  // Registered last: invokes the bot does not offer (message extensions, task modules...) are refused, not left to the adapter's 501.
  app.addRoute(
    async (turn) => turn.activity.type === ActivityTypes.Invoke,
    async (turn) => {
      await turn.sendActivity({ type: 'invokeResponse', value: { status: 400, body: { error: 'This bot does not offer that.' } } });
    },
    true,
  );
  return app;
}

async function answerMessage(deps: BotDeps, turn: TurnContext): Promise<CardAttachment | string> {
  const parsed = parseCommand((turn.activity.text ?? '').slice(0, MAX_MESSAGE));
  return answerWithoutRequest(parsed) ?? answerCommand(await openRequest(deps, turn), parsed);
}

/** Answers one card action: a card replaces the one clicked; refusals are Universal Actions error responses. */
async function answerAction(deps: BotDeps, turn: TurnContext): Promise<{ status: number; body: unknown }> {
  try {
    const invoke = ActionInvoke.safeParse(turn.activity.value);
    const handler = invoke.success && (CARD_VERBS as readonly string[]).includes(invoke.data.action.verb)
      ? ACTION_HANDLERS[invoke.data.action.verb as CardVerb]
      : undefined;
    if (!invoke.success || !handler) return errorResponse(400, 'This card action is not one the bot offers. Nothing was changed.');
    const card = await handler(await openRequest(deps, turn), invoke.data.action.data ?? {});
    return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card.content } };
  } catch (error) {
    const { status, text } = describeError(error);
    if (status >= 500) deps.logger.error('card.action.failed', { verb: verbOf(turn), conversationId: turn.activity.conversation?.id, ...errorFields(error) });
    return errorResponse(status, text);
  }
}

/** The verb of a card action, when it is one the bot offers (never an arbitrary string from the request). */
function verbOf(turn: TurnContext): string | undefined {
  const verb = ActionInvoke.safeParse(turn.activity.value).data?.action.verb;
  return verb && (CARD_VERBS as readonly string[]).includes(verb) ? verb : undefined;
}

function errorResponse(statusCode: number, message: string) {
  return { status: 200, body: { statusCode, type: 'application/vnd.microsoft.error', value: { code: String(statusCode), message } } };
}
