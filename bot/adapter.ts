import { TeamsAdapter } from '@microsoft/teams-ai';
import type { Env } from '../core/config/env';

/**
 * The Bot Framework adapter. Without MicrosoftAppId the adapter runs with authentication disabled
 * (Emulator / Agents Playground); with it, every request must carry a valid Bot Framework token.
 */
export function createAdapter(env: Env, log: (msg: string) => void): TeamsAdapter {
  const adapter = new TeamsAdapter({
    MicrosoftAppId: env.MicrosoftAppId ?? '',
    MicrosoftAppPassword: env.MicrosoftAppPassword ?? '',
    MicrosoftAppType: env.MicrosoftAppType,
    MicrosoftAppTenantId: env.MicrosoftAppTenantId ?? '',
  });
  adapter.onTurnError = async (context, error) => {
    log(`turn failed: ${error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error'}`);
    if (context.activity.type === 'message') {
      await context.sendActivity('Something went wrong on our side while answering. Nothing was changed; please try again.');
    }
  };
  return adapter;
}
