/** Capabilities, split exactly as the product specification defines them. */
export const WORKSPACE_CAPABILITIES = ['WORKSPACE_BASELINES_VIEW', 'WORKSPACE_BASELINES_MANAGE', 'WORKSPACE_ADMIN'] as const;
export const TENANT_CAPABILITIES = ['TENANT_VIEW', 'TENANT_MANAGE'] as const;

export type WorkspaceCapability = (typeof WORKSPACE_CAPABILITIES)[number];
export type TenantCapability = (typeof TENANT_CAPABILITIES)[number];
export type Capability = WorkspaceCapability | TenantCapability;
