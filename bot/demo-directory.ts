import type { DirectorySeed } from '../core/access/seed';

/** Display names of the demo tenants (the sandbox's demo folders carry the same names). */
export const DEMO_TENANT_NAMES = {
  staging: 'Contoso Staging',
  production: 'Contoso Production',
  lab: 'Contoso Lab',
  fabrikam: 'Fabrikam',
} as const;

const ENVIRONMENTS: Record<string, string> = {
  [DEMO_TENANT_NAMES.staging]: 'staging',
  [DEMO_TENANT_NAMES.production]: 'production',
  [DEMO_TENANT_NAMES.lab]: 'lab',
  [DEMO_TENANT_NAMES.fabrikam]: 'production',
};

const contosoView = { [DEMO_TENANT_NAMES.staging]: ['TENANT_VIEW'], [DEMO_TENANT_NAMES.production]: ['TENANT_VIEW'], [DEMO_TENANT_NAMES.lab]: ['TENANT_VIEW'] } as const;
const contosoOperate = {
  [DEMO_TENANT_NAMES.staging]: ['TENANT_VIEW'],
  [DEMO_TENANT_NAMES.production]: ['TENANT_VIEW', 'TENANT_MANAGE'],
  [DEMO_TENANT_NAMES.lab]: ['TENANT_VIEW', 'TENANT_MANAGE'],
} as const;

type TenantCaps = DirectorySeed['workspaces'][number]['members'][number]['tenants'];

/**
 * The demo directory: "Contoso MSP" with its three tenants and four members of different rights, and
 * "Fabrikam MSP" that only demo-fabrikam sees. Tenant ids come from the sandbox that serves them.
 */
export function demoDirectory(tenantIds: Record<string, string>): DirectorySeed {
  const tenant = (name: string) => {
    const id = tenantIds[name];
    if (!id) throw new Error(`demo sandbox has no tenant named "${name}"`);
    return { id, displayName: name, environment: ENVIRONMENTS[name] ?? 'lab', credentials: {} };
  };
  const member = (actorId: string, displayName: string, workspace: DirectorySeed['workspaces'][number]['members'][number]['workspace'], tenants: TenantCaps) => ({
    actorId,
    displayName,
    workspace,
    tenants,
  });
  return {
    workspaces: [
      {
        id: 'contoso-msp',
        name: 'Contoso MSP',
        requireSecondApprover: false,
        tenants: [tenant(DEMO_TENANT_NAMES.staging), tenant(DEMO_TENANT_NAMES.production), tenant(DEMO_TENANT_NAMES.lab)],
        members: [
          member('demo-operator', 'Demo Operator', ['WORKSPACE_BASELINES_VIEW', 'WORKSPACE_BASELINES_MANAGE'], structuredClone(contosoOperate) as unknown as TenantCaps),
          member('demo-approver', 'Demo Approver', ['WORKSPACE_BASELINES_VIEW', 'WORKSPACE_BASELINES_MANAGE'], structuredClone(contosoOperate) as unknown as TenantCaps),
          member('demo-viewer', 'Demo Viewer', ['WORKSPACE_BASELINES_VIEW'], structuredClone(contosoView) as unknown as TenantCaps),
          member('demo-admin', 'Demo Admin', ['WORKSPACE_ADMIN'], {}),
        ],
      },
      {
        id: 'fabrikam-msp',
        name: 'Fabrikam MSP',
        requireSecondApprover: false,
        tenants: [tenant(DEMO_TENANT_NAMES.fabrikam)],
        members: [
          member('demo-fabrikam', 'Fabrikam Operator', ['WORKSPACE_BASELINES_VIEW', 'WORKSPACE_BASELINES_MANAGE'], {
            [DEMO_TENANT_NAMES.fabrikam]: ['TENANT_VIEW', 'TENANT_MANAGE'],
          }),
        ],
      },
    ],
  };
}
