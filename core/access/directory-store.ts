import type { ActorId, TenantId, WorkspaceId } from '../ids';
import type { Membership, Tenant, Workspace } from './model';

/** Workspaces, tenants and memberships. Every tenant read is scoped by workspace. */
export interface DirectoryStore {
  /** The workspace, or undefined when absent. */
  getWorkspace(id: WorkspaceId): Promise<Workspace | undefined>;
  /** Every membership of an actor, across workspaces; empty when none. */
  membershipsOf(actorId: ActorId): Promise<Membership[]>;
  /** The tenant when it belongs to that workspace; undefined otherwise (even if it exists elsewhere). */
  getTenant(workspaceId: WorkspaceId, tenantId: TenantId): Promise<Tenant | undefined>;
  /** Members of a workspace, ordered by display name. */
  listMembers(workspaceId: WorkspaceId): Promise<Membership[]>;
  /** All tenants of a workspace, ordered by display name. */
  listTenants(workspaceId: WorkspaceId): Promise<Tenant[]>;
  /** Every registered tenant of every workspace (scheduler use only). */
  listAllTenants(): Promise<Tenant[]>;
  /** Inserts or replaces, keyed by id (seeding and administration). */
  saveWorkspace(workspace: Workspace): Promise<void>;
  saveTenant(tenant: Tenant): Promise<void>;
  saveMembership(membership: Membership): Promise<void>;
}
