import type { ActorContext } from '../access/actor-context';
import { Forbidden } from '../errors';
import type { TenantId } from '../ids';
import type { WorkflowDeps } from './deps';

/**
 * Runs an authorisation check; a refusal is audited (`action.forbidden`) before it propagates,
 * so forced requests that a card never offered leave a trace for admins.
 */
export async function authorised(deps: Pick<WorkflowDeps, 'audit' | 'now'>, ctx: ActorContext, action: string, tenantIds: TenantId[], check: () => void): Promise<void> {
  try {
    check();
  } catch (error) {
    if (error instanceof Forbidden) {
      await deps.audit.append({
        workspaceId: ctx.workspace.id,
        at: deps.now(),
        actorId: ctx.actor.id,
        action: 'action.forbidden',
        tenantIds,
        metadata: { attempted: action, capability: error.capability },
      });
    }
    throw error;
  }
}
