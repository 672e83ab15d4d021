import type { DirectoryStore } from '../access/directory-store';
import type { Actor, Tenant } from '../access/model';
import { hasTenantCapability, hasWorkspaceCapability } from '../access/policy';
import type { ControlStore } from '../controls/model';
import type { ActorId } from '../ids';
import type { PromotionRun } from '../runs/model';

/** Whether a run may still write: both tenants when it may, otherwise every reason it may not, in operator words. */
export type Reauthorisation =
  | { kind: 'authorised'; source: Tenant; target: Tenant }
  | { kind: 'revoked'; reason: string };

type Role = 'initiator' | 'approver';

/**
 * Re-checks everything a run relied on when it was confirmed, as it is now: the workspace, both tenants still in it,
 * the initiator's and approver's rights (manage promotions, change the target, see the source), and that
 * promotions are not paused. Card data and the run's own record are not trusted beyond their ids.
 */
export async function reauthoriseRun(deps: { directory: DirectoryStore; controls: ControlStore }, run: PromotionRun): Promise<Reauthorisation> {
  const workspace = await deps.directory.getWorkspace(run.workspaceId);
  if (!workspace) return { kind: 'revoked', reason: 'The workspace no longer exists.' };
  if (run.plan.sourceTenantId !== run.sourceTenantId || run.plan.targetTenantId !== run.targetTenantId || run.sourceTenantId === run.targetTenantId) {
    return { kind: 'revoked', reason: 'The run record is inconsistent: its plan names other tenants than the run.' };
  }
  const [source, target] = await Promise.all([
    deps.directory.getTenant(run.workspaceId, run.sourceTenantId),
    deps.directory.getTenant(run.workspaceId, run.targetTenantId),
  ]);
  const reasons: string[] = [];
  if (!source) reasons.push(`The source tenant ${run.sourceTenantId} is no longer registered in this workspace.`);
  if (!target) reasons.push(`The target tenant ${run.targetTenantId} is no longer registered in this workspace.`);
  if (source && target) {
    const people: [Role, ActorId][] = [['initiator', run.initiatorId], ['approver', run.approverId]];
    for (const [role, actorId] of people) {
      const reason = await personRevoked(deps.directory, run, role, actorId, source, target);
      if (reason) reasons.push(reason);
    }
  }
  const control = await deps.controls.get(run.workspaceId, 'promotion.execute');
  if (control?.paused) reasons.push(`Promotions were paused by an admin${control.reason ? `: ${control.reason}` : ''}.`);
  if (reasons.length > 0 || !source || !target) return { kind: 'revoked', reason: reasons.join(' ') };
  return { kind: 'authorised', source, target };
}

async function personRevoked(directory: DirectoryStore, run: PromotionRun, role: Role, actorId: ActorId, source: Tenant, target: Tenant): Promise<string | undefined> {
  const membership = (await directory.membershipsOf(actorId)).find((m) => m.workspaceId === run.workspaceId);
  if (!membership) return `The ${role} (${actorId}) is no longer a member of this workspace.`;
  const actor: Actor = { id: actorId, displayName: membership.displayName, membership };
  const missing = [
    ...(hasWorkspaceCapability(actor, 'WORKSPACE_BASELINES_MANAGE') ? [] : ['the permission to manage promotions in this workspace']),
    ...(hasTenantCapability(actor, target.id, 'TENANT_MANAGE') ? [] : [`the permission to change the target tenant ${target.displayName}`]),
    ...(hasTenantCapability(actor, source.id, 'TENANT_VIEW') ? [] : [`the permission to see the source tenant ${source.displayName}`]),
  ];
  return missing.length === 0 ? undefined : `The ${role} ${membership.displayName} no longer has ${joinWords(missing)}.`;
}

function joinWords(parts: string[]): string {
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}
