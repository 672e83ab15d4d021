import { NotFound } from '../errors';
import type { ActorId, TenantId } from '../ids';
import type { DirectoryStore } from './directory-store';
import type { Actor, Tenant, Workspace } from './model';
import { hasTenantCapability } from './policy';

/** The actor, the workspace they act in and the tenants they may see: resolved anew for every request. */
export interface ActorContext {
  actor: Actor;
  workspace: Workspace;
  /** Tenants of the workspace the actor may view, ordered by display name. */
  visibleTenants: Tenant[];
}

/**
 * Resolves the actor's context. An actor without membership gets NotFound('workspace'): the bot
 * reveals nothing about workspaces to strangers. An actor in several workspaces acts in the first (by id).
 */
export async function resolveActorContext(directory: DirectoryStore, actorId: ActorId): Promise<ActorContext> {
  const [membership] = await directory.membershipsOf(actorId);
  if (!membership) throw new NotFound('workspace');
  const workspace = await directory.getWorkspace(membership.workspaceId);
  if (!workspace) throw new NotFound('workspace');
  const actor: Actor = { id: actorId, displayName: membership.displayName, membership };
  const tenants = await directory.listTenants(workspace.id);
  return { actor, workspace, visibleTenants: tenants.filter((t) => hasTenantCapability(actor, t.id, 'TENANT_VIEW')) };
}

/** The visible tenant with that id, or NotFound('tenant') exactly as for an id that exists nowhere. */
export function visibleTenant(context: ActorContext, tenantId: TenantId | string): Tenant {
  const tenant = context.visibleTenants.find((t) => t.id === tenantId);
  if (!tenant) throw new NotFound('tenant');
  return tenant;
}
