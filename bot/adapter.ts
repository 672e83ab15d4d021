import { TeamsAdapter } from '@microsoft/teams-ai';
import type { Env } from '../core/config/env';
import { errorFields, type Logger } from '../core/logging/logger';

/**
 * The Bot Framework adapter. Without MicrosoftAppId the adapter runs with authentication disabled
 * (Emulator / Agents Playground); with it, every request must carry a valid Bot Framework token.
 */
export function createAdapter(env: Env, logger: Logger): TeamsAdapter {
  const adapter = new TeamsAdapter({
    MicrosoftAppId: env.MicrosoftAppId ?? '',
    MicrosoftAppPassword: env.MicrosoftAppPassword ?? '',
    MicrosoftAppType: env.MicrosoftAppType,
    MicrosoftAppTenantId: env.MicrosoftAppTenantId ?? '',
  });
  adapter.onTurnError = async (context, error) => {
    logger.error('turn.failed', { activityType: context.activity.type, conversationId: context.activity.conversation?.id, ...errorFields(error) });
    if (context.activity.type === 'message') {
      await context.sendActivity('Something went wrong on our side while answering. Nothing was changed; please try again.');
    }
  };
  return adapter;
}
