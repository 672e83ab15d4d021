// Demo-data facts and helpers for the managed-mappings tests (see core/graph-sandbox/demo/README.md).
import type { Db } from 'mongodb';
import type { ActorContext } from '../../core/access/actor-context';
import type { TenantCapability, WorkspaceCapability } from '../../core/access/capabilities';
import type { Membership, Tenant } from '../../core/access/model';
import { DEMO_TENANTS } from '../../core/graph-sandbox/demo-tenants';
import { ActorId, TenantId, WorkspaceId } from '../../core/ids';
import type { InventorySnapshot } from '../../core/inventory/model';
import { MongoAuditLog } from '../../core/store/mongo-audit-log';
import { MongoControlStore } from '../../core/store/mongo-control-store';
import { MongoDirectoryStore } from '../../core/store/mongo-directory-store';
import { MongoMappingStore } from '../../core/store/mongo-mapping-store';
import { MongoRunStore } from '../../core/store/mongo-run-store';
import { MongoSnapshotStore } from '../../core/store/mongo-snapshot-store';
import type { WorkflowDeps } from '../../core/workflows/deps';
import { FIXTURE_NOW, includeGroup, ONE_DAY_MS, snapshot } from './inventory-builder';

/** Reference objects of the demo tenants the mapping tests use, by tenant and display name. */
export const DEMO_REFERENCES = {
  staging: {
    financeLaptops: { kind: 'group', id: 'abf988db-b5be-5f70-bc53-dedbda61efca', displayName: 'Finance Laptops' },
    retailStores: { kind: 'scopeTag', id: '2', displayName: 'Retail Stores' },
  },
  production: {
    allCorporateDevices: { kind: 'group', id: 'f8ff8f78-251d-5f3c-b973-0b634bd72378', displayName: 'Intune - All Corporate Devices' },
    pilotDevices: { kind: 'group', id: '75c08a52-ca90-5c13-8680-15364ee1c32a', displayName: 'Intune - Pilot Devices' },
  },
} as const;

export const STAGING_ID = DEMO_TENANTS.contosoStaging.id;
export const PRODUCTION_ID = DEMO_TENANTS.contosoProduction.id;
/** A tenant of another workspace (Fabrikam MSP): invisible to Contoso members. */
export const FOREIGN_TENANT_ID = DEMO_TENANTS.fabrikam.id;

/** The `map` command for the demo's missing group. */
export const MAP_FINANCE_LAPTOPS = 'map group "Finance Laptops" to "Intune - All Corporate Devices" for Contoso Staging to Contoso Production';

/** Source and target tenants of the mapping workflow world, and a tenant of another workspace. */
export const MAPPING_WORKSPACE = WorkspaceId('ws-mappings');
export const MAPPING_SOURCE: Tenant = { id: TenantId('5a0e0000-0000-4000-8000-00000000000a'), workspaceId: MAPPING_WORKSPACE, displayName: 'Contoso Staging', environment: 'staging', credentials: {} };
export const MAPPING_TARGET: Tenant = { id: TenantId('5a0e0000-0000-4000-8000-00000000000b'), workspaceId: MAPPING_WORKSPACE, displayName: 'Contoso Production', environment: 'production', credentials: {} };
export const OTHER_WORKSPACE_TENANT: Tenant = { id: TenantId('5a0e0000-0000-4000-8000-00000000000c'), workspaceId: WorkspaceId('ws-other'), displayName: 'Fabrikam', environment: 'production', credentials: {} };

/** The source snapshot: one compliance policy assigned to Finance Laptops; two source groups share a name. */
export function mappingSourceSnapshot(): InventorySnapshot {
  return snapshot(MAPPING_SOURCE.id, MAPPING_WORKSPACE)
    .group('s-finance', 'Finance Laptops')
    .group('s-pilot', 'Pilot users')
    .group('s-twin-1', 'Twins')
    .group('s-twin-2', 'Twins')
    .scopeTag('0', 'Default')
    .scopeTag('2', 'Retail Stores')
    .compliancePolicy('Win - Compliance Finance', { passwordMinimumLength: 14 }, { assignments: [includeGroup('s-finance')] })
    .build();
}

/** The target snapshot: no Finance Laptops; two target groups share the name "Shared"; `without` leaves objects out. */
export function mappingTargetSnapshot(without: string[] = []): InventorySnapshot {
  const builder = snapshot(MAPPING_TARGET.id, MAPPING_WORKSPACE)
    .group('t-pilot', 'Pilot users')
    .group('t-corporate', 'Intune - All Corporate Devices')
    .group('t-finance-team', 'Finance Team')
    .group('t-shared-1', 'Shared')
    .group('t-shared-2', 'Shared')
    .scopeTag('0', 'Default')
    .scopeTag('5', 'Manufacturing');
  const built = builder.build();
  return { ...built, referenceObjects: built.referenceObjects.filter((o) => !without.includes(o.id)) };
}

/** An actor context in the mapping workspace with the given rights on both tenants. */
export function mappingActor(id: string, workspaceCapabilities: WorkspaceCapability[], tenantCapabilities: TenantCapability[] = ['TENANT_VIEW']): ActorContext {
  const membership: Membership = {
    workspaceId: MAPPING_WORKSPACE,
    actorId: ActorId(id),
    displayName: id,
    workspaceCapabilities,
    tenantCapabilities: { [MAPPING_SOURCE.id]: tenantCapabilities, [MAPPING_TARGET.id]: tenantCapabilities },
  };
  return {
    actor: { id: ActorId(id), displayName: id, membership },
    workspace: { id: MAPPING_WORKSPACE, name: 'Contoso MSP', settings: { requireSecondApprover: false } },
    visibleTenants: [MAPPING_TARGET, MAPPING_SOURCE],
  };
}

const unused = (what: string) => () => {
  throw new Error(`the mapping workflows must not use ${what}`);
};

/** Workflow deps on `db` with both snapshots stored; the refresher and queue fail the test if used. */
export async function mappingWorld(db: Db): Promise<WorkflowDeps> {
  const snapshots = new MongoSnapshotStore(db);
  await snapshots.replace(mappingSourceSnapshot());
  await snapshots.replace(mappingTargetSnapshot());
  return {
    directory: new MongoDirectoryStore(db),
    snapshots,
    runs: new MongoRunStore(db),
    audit: new MongoAuditLog(db),
    controls: new MongoControlStore(db),
    mappings: new MongoMappingStore(db),
    refresher: { refresh: unused('the inventory refresher') },
    queue: { enqueue: unused('the promotion queue'), resume: unused('the promotion queue') },
    freshnessMs: ONE_DAY_MS,
    refreshWaitMs: 0,
    now: () => FIXTURE_NOW,
  };
}
