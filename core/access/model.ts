import type { ActorId, TenantId, WorkspaceId } from '../ids';
import type { TenantCapability, WorkspaceCapability } from './capabilities';

/** An MSP's unit of isolation. */
export interface Workspace {
  id: WorkspaceId;
  name: string;
  settings: WorkspaceSettings;
}

export interface WorkspaceSettings {
  /** When true the approver of a promotion must be someone other than its requester. */
  requireSecondApprover: boolean;
}

/** Where the app registration used to reach a tenant comes from. */
export interface CredentialsRef {
  /** Client id of the app registration; absent means the deployment's default multi-tenant app. */
  clientId?: string;
  /** Name of the environment variable or secret holding the client secret (never the secret itself). */
  secretRef?: string;
  /** Path of a PEM certificate + thumbprint, for certificate credentials. */
  certificatePath?: string;
  certificateThumbprint?: string;
}

/** A managed Microsoft Entra tenant registered in one workspace. */
export interface Tenant {
  id: TenantId;
  workspaceId: WorkspaceId;
  displayName: string;
  /** Free label such as staging, production, lab. */
  environment: string;
  credentials: CredentialsRef;
}

/** One member's rights in one workspace. */
export interface Membership {
  workspaceId: WorkspaceId;
  actorId: ActorId;
  displayName: string;
  workspaceCapabilities: WorkspaceCapability[];
  /** Per-tenant capabilities; a tenant absent here is invisible to the member. */
  tenantCapabilities: Record<string, TenantCapability[]>;
}

/** The person behind a request, with their membership in the workspace they act in. */
export interface Actor {
  id: ActorId;
  displayName: string;
  membership: Membership;
}
