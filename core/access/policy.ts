import { Forbidden } from '../errors';
import type { TenantId } from '../ids';
import type { TenantCapability, WorkspaceCapability } from './capabilities';
import type { Actor } from './model';

/** Why an actor lacks a capability, in words an operator understands. */
const MISSING_TEXT: Record<WorkspaceCapability | TenantCapability, string> = {
  WORKSPACE_BASELINES_VIEW: 'You are not allowed to compare tenants in this workspace.',
  WORKSPACE_BASELINES_MANAGE: 'You can look at compares, but preparing or starting a promotion needs the permission to manage promotions in this workspace.',
  WORKSPACE_ADMIN: 'Only workspace admins can do this.',
  TENANT_VIEW: 'You are not allowed to see this tenant.',
  TENANT_MANAGE: 'Promoting needs the permission to change the target tenant, which you do not have.',
};

/** What a missing capability lets a person do, for audit lines ("missing: change the target tenant"). */
const CAPABILITY_WORDS: Record<WorkspaceCapability | TenantCapability, string> = {
  WORKSPACE_BASELINES_VIEW: 'missing: compare tenants',
  WORKSPACE_BASELINES_MANAGE: 'missing: manage promotions',
  WORKSPACE_ADMIN: 'missing: workspace admin',
  TENANT_VIEW: 'missing: see the tenant',
  TENANT_MANAGE: 'missing: change the tenant',
};

/** A capability in words; an unknown code is returned unchanged. */
export function capabilityWords(capability: string): string {
  return CAPABILITY_WORDS[capability as WorkspaceCapability | TenantCapability] ?? capability;
}

const isAdmin = (actor: Actor) => actor.membership.workspaceCapabilities.includes('WORKSPACE_ADMIN');

/** Whether the actor holds a workspace capability; admins hold every view capability. */
export function hasWorkspaceCapability(actor: Actor, capability: WorkspaceCapability): boolean {
  if (actor.membership.workspaceCapabilities.includes(capability)) return true;
  return capability === 'WORKSPACE_BASELINES_VIEW' && isAdmin(actor);
}

/** Whether the actor holds a capability on a tenant; admins view every tenant of their workspace. */
export function hasTenantCapability(actor: Actor, tenantId: TenantId, capability: TenantCapability): boolean {
  if (actor.membership.tenantCapabilities[tenantId]?.includes(capability)) return true;
  return capability === 'TENANT_VIEW' && isAdmin(actor);
}

/** Throws Forbidden with the operator-facing reason when the workspace capability is missing. */
export function requireWorkspaceCapability(actor: Actor, capability: WorkspaceCapability): void {
  if (!hasWorkspaceCapability(actor, capability)) throw new Forbidden(capability, MISSING_TEXT[capability]);
}

/** Throws Forbidden with the operator-facing reason when the tenant capability is missing. */
export function requireTenantCapability(actor: Actor, tenantId: TenantId, capability: TenantCapability): void {
  if (!hasTenantCapability(actor, tenantId, capability)) throw new Forbidden(capability, MISSING_TEXT[capability]);
}

/** The reason text for a missing capability (used to render disabled actions). */
export function missingCapabilityText(capability: WorkspaceCapability | TenantCapability): string {
  return MISSING_TEXT[capability];
}
