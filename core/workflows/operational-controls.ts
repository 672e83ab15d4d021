import type { ActorContext } from '../access/actor-context';
import { requireWorkspaceCapability } from '../access/policy';
import type { OperationalControl } from '../controls/model';
import { authorised } from './audit-forbidden';
import type { WorkflowDeps } from './deps';

/** The promotion control of the actor's workspace; undefined when never set (promotions allowed). */
export async function promotionControl(deps: WorkflowDeps, ctx: ActorContext): Promise<OperationalControl | undefined> {
  return deps.controls.get(ctx.workspace.id, 'promotion.execute');
}

async function setPromotionControl(deps: WorkflowDeps, ctx: ActorContext, paused: boolean, reason: string): Promise<OperationalControl> {
  await authorised(deps, ctx, paused ? 'controls.pause' : 'controls.resume', [], () => requireWorkspaceCapability(ctx.actor, 'WORKSPACE_ADMIN'));
  const control: OperationalControl = { workspaceId: ctx.workspace.id, operation: 'promotion.execute', paused, reason, changedBy: ctx.actor.id, changedAt: deps.now() };
  await deps.controls.set(control);
  await deps.audit.append({
    workspaceId: ctx.workspace.id,
    at: control.changedAt,
    actorId: ctx.actor.id,
    action: paused ? 'controls.promotions.paused' : 'controls.promotions.resumed',
    tenantIds: [],
    metadata: { reason: reason || null },
  });
  return control;
}

/** Admins only: refuse new promotion runs in the workspace until resumed. Audited. */
export function pausePromotions(deps: WorkflowDeps, ctx: ActorContext, reason: string) {
  return setPromotionControl(deps, ctx, true, reason.slice(0, 200));
}

/** Admins only: allow promotion runs again. Audited. */
export function resumePromotions(deps: WorkflowDeps, ctx: ActorContext) {
  return setPromotionControl(deps, ctx, false, '');
}
