import { fileURLToPath } from 'node:url';
import { TenantId } from '../ids';

/** The demo tenants folder, laid out like a SANDBOX_TENANTS_DIR (one folder per tenant). */
export const DEMO_TENANTS_DIR = fileURLToPath(new URL('./demo', import.meta.url));

/** One demo tenant as its `tenant.json` declares it. */
export interface DemoTenant {
  id: TenantId;
  displayName: string;
  environment: string;
}

/** The demo tenants by role; ids are fixed in each folder's `tenant.json` (a test keeps both in step). */
export const DEMO_TENANTS = {
  contosoStaging: { id: TenantId('8a1f3c52-6d4e-4b1a-9f2e-3c5d7e9a1b20'), displayName: 'Contoso Staging', environment: 'staging' },
  contosoProduction: { id: TenantId('c7d2e4f6-1a3b-4c5d-8e9f-0a1b2c3d4e50'), displayName: 'Contoso Production', environment: 'production' },
  contosoLab: { id: TenantId('4e6a8c0d-2f1b-4d3e-a5c7-9b0d1e2f3a60'), displayName: 'Contoso Lab', environment: 'lab' },
  fabrikam: { id: TenantId('f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a70'), displayName: 'Fabrikam', environment: 'production' },
} as const satisfies Record<string, DemoTenant>;
