import type { Tenant } from '../../core/access/model';
import { TenantId, WorkspaceId } from '../../core/ids';

/** A managed tenant as the registry would hold it: Contoso Production in workspace ws-1, default app credentials. */
export function makeTenant(overrides: Partial<Tenant> = {}): Tenant {
  return {
    id: TenantId('11111111-1111-4111-8111-111111111111'),
    workspaceId: WorkspaceId('ws-1'),
    displayName: 'Contoso Production',
    environment: 'production',
    credentials: {},
    ...overrides,
  };
}
