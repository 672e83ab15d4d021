import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { ConversationReference, TurnContext } from 'botbuilder';

/**
 * Runs `logic` in a stored conversation and rejects with whatever `logic` threw. The adapter hands an error thrown
 * inside a proactive turn to its onTurnError and resolves, so a caller that wants to honour Teams' 429 Retry-After
 * (or stop after a 403) would otherwise never see the refusal.
 */
export async function continueConversation(
  adapter: Pick<TeamsAdapter, 'continueConversationAsync'>,
  appId: string,
  reference: Partial<ConversationReference>,
  logic: (turn: TurnContext) => Promise<void>,
): Promise<void> {
  let failure: { error: unknown } | undefined;
  await adapter.continueConversationAsync(appId, reference, async (turn) => {
    try {
      await logic(turn);
    } catch (error) {
      failure = { error };
    }
  });
  if (failure) throw failure.error;
}
