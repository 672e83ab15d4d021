import type { TurnContext } from 'botbuilder';
import { TurnContext as Turn } from 'botbuilder';
import { resolveActorContext, type ActorContext } from '../core/access/actor-context';
import { NotFound } from '../core/errors';
import { actorIdOf } from './actor';
import type { BotDeps } from './bot-deps';

/** One request as handlers see it: the turn, the resolved actor context and the dependencies. */
export interface BotRequest {
  turn: TurnContext;
  ctx: ActorContext;
  deps: BotDeps;
}

/** Resolves the actor anew for this turn and remembers the conversation for proactive progress messages. */
export async function openRequest(deps: BotDeps, turn: TurnContext): Promise<BotRequest> {
  const actorId = actorIdOf(turn.activity, deps.demoMode);
  if (!actorId) throw new NotFound('workspace');
  const ctx = await resolveActorContext(deps.directory, actorId);
  const reference = Turn.getConversationReference(turn.activity);
  if (reference.conversation?.id) {
    await deps.conversations.save({
      conversationId: reference.conversation.id,
      workspaceId: ctx.workspace.id,
      reference: JSON.parse(JSON.stringify(reference)) as Record<string, unknown>,
      lastActorId: ctx.actor.id,
      updatedAt: deps.now(),
    });
  }
  return { turn, ctx, deps };
}
