import { visibleTenant, type ActorContext } from '../access/actor-context';
import type { Tenant } from '../access/model';
import { requireTenantCapability, requireWorkspaceCapability } from '../access/policy';
import { Forbidden, NotFound } from '../errors';
import { authorised } from './audit-forbidden';
import type { PromotionDeps } from './start-promotion';

/** What cancelling produced: the request is closed now, or it was closed before (confirmed or cancelled) and stays so. */
export type CancelOutcome =
  | { kind: 'cancelled'; source: Tenant; target: Tenant }
  | { kind: 'already_closed'; source: Tenant; target: Tenant; runId?: string };

/**
 * "Cancel" on the confirmation card. A request of another workspace, or one whose tenants the actor may not see,
 * answers exactly like an unknown id. Only the person who asked, or an approver (someone who could confirm it:
 * baselines manage and manage on the target), may cancel; anyone else is refused and the attempt audited.
 */
export async function cancelPromotion(deps: PromotionDeps, ctx: ActorContext, requestId: string): Promise<CancelOutcome> {
  const request = await deps.requests.get(ctx.workspace.id, requestId);
  if (!request) throw new NotFound('run');
  const source = visibleTenant(ctx, request.selection.sourceTenantId);
  const target = visibleTenant(ctx, request.selection.targetTenantId);
  await authorised(deps, ctx, 'promotion.cancel', [source.id, target.id], () => {
    if (request.requesterId === ctx.actor.id) return;
    try {
      requireWorkspaceCapability(ctx.actor, 'WORKSPACE_BASELINES_MANAGE');
      requireTenantCapability(ctx.actor, target.id, 'TENANT_MANAGE');
    } catch (error) {
      if (!(error instanceof Forbidden)) throw error;
      throw new Forbidden(error.capability, `Only the person who asked for this promotion, or someone who may promote to ${target.displayName}, can cancel it.`);
    }
  });
  const closed = !request.closedAt && (await deps.requests.close(ctx.workspace.id, request.id, deps.now()));
  if (!closed) {
    // Closed before, or by a confirm or cancel that won the race just now: read what it became.
    const runId = request.runId ?? (await deps.requests.get(ctx.workspace.id, request.id))?.runId;
    return { kind: 'already_closed', source, target, ...(runId ? { runId } : {}) };
  }
  await deps.audit.append({
    workspaceId: ctx.workspace.id,
    at: deps.now(),
    actorId: ctx.actor.id,
    action: 'promotion.request.cancelled',
    tenantIds: [source.id, target.id],
    metadata: { requestId: request.id, source: source.id, target: target.id, requester: request.requesterId, byRequester: request.requesterId === ctx.actor.id },
  });
  return { kind: 'cancelled', source, target };
}
