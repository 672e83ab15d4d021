import type { Tenant } from '../../core/access/model';
import { GraphClient } from '../../core/graph/graph-client';
import { StaticTokenProvider } from '../../core/graph/static-token-provider';
import { DEMO_TENANTS, DEMO_TENANTS_DIR } from '../../core/graph-sandbox/demo-tenants';
import { loadTenantsDir } from '../../core/graph-sandbox/load-tenants-dir';
import { warningText } from '../../core/graph-sandbox/load-warnings';
import { startGraphSandbox, type GraphSandbox, type GraphSandboxOptions } from '../../core/graph-sandbox/sandbox-server';
import type { SandboxTenant } from '../../core/graph-sandbox/sandbox-tenant';
import { TenantId, WorkspaceId } from '../../core/ids';
import type { BlockedReason, PreflightOutcome } from '../../core/preflight/model';
import type { CompareState } from '../../core/compare/model';
import type { SubjectTypeKey } from '../../core/subjects/subject-type';

export type DemoRole = keyof typeof DEMO_TENANTS;

/** A registered tenant (as the store would hold it) for a demo tenant; demo workspaces are named in the seed file. */
export function demoTenant(role: DemoRole, workspaceId = WorkspaceId(role === 'fabrikam' ? 'demo-fabrikam-msp' : 'demo-contoso-msp')): Tenant {
  const { id, displayName, environment } = DEMO_TENANTS[role];
  return { id, workspaceId, displayName, environment, credentials: {} };
}

/** A sandbox tenant seed with no objects unless given; id stable per display name. */
export function sandboxTenant(overrides: Partial<SandboxTenant> & { displayName: string }): SandboxTenant {
  return { id: TenantId('0d5a7e2c-9b1f-4c3e-8a6d-1f2e3d4c5b6a'), environment: 'test', objects: {}, ...overrides };
}

/** The demo tenants served by a fresh sandbox, and a real GraphClient pointed at it whose sleeps are recorded, not waited. */
export async function startDemoSandbox(opts: Omit<GraphSandboxOptions, 'tenants'> = {}) {
  const { tenants, warnings } = await loadTenantsDir(DEMO_TENANTS_DIR);
  if (warnings.length > 0) throw new Error(`demo data has warnings: ${warnings.map(warningText).join('; ')}`);
  const sandbox: GraphSandbox = await startGraphSandbox({ tenants, ...opts });
  const sleeps: number[] = [];
  const client = new GraphClient({
    baseUrl: sandbox.baseUrl,
    tokens: new StaticTokenProvider(),
    maxRetries: 2,
    random: () => 0.5,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
  return { sandbox, client, sleeps };
}

/** Expected Staging → Production outcome of one demo subject (the table of core/graph-sandbox/demo/README.md). */
export interface DemoExpectation {
  type: SubjectTypeKey;
  displayName: string;
  compare: CompareState;
  preflight?: PreflightOutcome;
  blockedReason?: BlockedReason;
  /** Reference kinds and source display names a manual mapping is needed for. */
  gaps?: { kind: 'group' | 'scopeTag' | 'assignmentFilter'; sourceName: string }[];
}

/** Contoso Staging → Contoso Production, subject by subject; e2e and preflight suites rely on it. */
export const DEMO_STAGING_TO_PRODUCTION: readonly DemoExpectation[] = [
  { type: 'settingsCatalog', displayName: 'Win - Defender Antivirus', compare: 'missing_in_target', preflight: 'ready' },
  { type: 'deviceConfiguration', displayName: 'Win - Device Restrictions', compare: 'different', preflight: 'ready' },
  { type: 'powershellScript', displayName: 'Win - Set Time Zone', compare: 'missing_in_target', preflight: 'ready' },
  { type: 'featureUpdateProfile', displayName: 'Win - Windows 11 Feature Update', compare: 'different', preflight: 'ready' },
  { type: 'conditionalAccessPolicy', displayName: 'CA - Block access outside Contoso HQ', compare: 'missing_in_target', preflight: 'ready' },
  { type: 'settingsCatalog', displayName: 'Win - BitLocker Encryption', compare: 'in_sync' },
  { type: 'compliancePolicy', displayName: 'Win - Compliance Baseline', compare: 'in_sync' },
  { type: 'conditionalAccessPolicy', displayName: 'CA - Block legacy authentication', compare: 'in_sync' },
  { type: 'assignmentFilter', displayName: 'Kiosk Devices', compare: 'missing_in_target', preflight: 'ready' },
  { type: 'assignmentFilter', displayName: 'Windows 11 Corporate', compare: 'in_sync' },
  { type: 'namedLocation', displayName: 'Contoso HQ', compare: 'in_sync' },
  { type: 'scopeTag', displayName: 'Default', compare: 'in_sync' },
  { type: 'scopeTag', displayName: 'EU Devices', compare: 'in_sync' },
  { type: 'scopeTag', displayName: 'Retail Stores', compare: 'missing_in_target', preflight: 'ready' },
  {
    type: 'settingsCatalog',
    displayName: 'Win - Edge Security Baseline',
    compare: 'ambiguous',
    preflight: 'blocked',
    blockedReason: 'duplicate_name_in_source',
  },
  {
    type: 'deviceConfiguration',
    displayName: 'Win - VPN Pre-Shared Key (OMA-URI)',
    compare: 'missing_in_target',
    preflight: 'blocked',
    blockedReason: 'secret_bearing_payload',
  },
  {
    type: 'administrativeTemplate',
    displayName: 'Win - Office Trusted Locations',
    compare: 'missing_in_target',
    preflight: 'blocked',
    blockedReason: 'type_not_promotable',
  },
  {
    type: 'compliancePolicy',
    displayName: 'Win - Compliance Finance',
    compare: 'missing_in_target',
    preflight: 'manual_mapping_required',
    gaps: [{ kind: 'group', sourceName: 'Finance Laptops' }],
  },
  // Its scope tag and filter exist only in Staging, but both are ready themselves: the same run creates them first.
  { type: 'deviceConfiguration', displayName: 'Win - Kiosk Restrictions', compare: 'missing_in_target', preflight: 'ready' },
  { type: 'settingsCatalog', displayName: 'Win - Legacy Proxy Settings', compare: 'only_in_target' },
  { type: 'scopeTag', displayName: 'Manufacturing', compare: 'only_in_target' },
];
