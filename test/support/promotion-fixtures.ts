// A small promotion world: two tenants of one workspace in a FakeIntuneGraph, the directory, run store, controls and
// audit on the test's MongoDB, and a run queued from a plan derived exactly as production derives it
// (inventory read through the fake → compare preview → preflight → ready-only plan).
import { randomUUID } from 'node:crypto';
import type { Db } from 'mongodb';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { testDb, type TestDb } from './mongo';
import type { Membership, Tenant } from '../../core/access/model';
import { buildComparePreview } from '../../core/compare/build-compare-preview';
import { ActorId, RunId, TenantId, WorkspaceId } from '../../core/ids';
import { readTenantInventory } from '../../core/inventory/read-tenant';
import type { InventorySnapshot } from '../../core/inventory/model';
import { classifyPreflight } from '../../core/preflight/classify-preflight';
import type { PromotionPreflight } from '../../core/preflight/model';
import type { ExecutorDeps } from '../../core/promotion/execute-run';
import { planFromPreflight, type PromotionPlan } from '../../core/promotion/plan';
import { registryPromotability } from '../../core/preflight/promotability';
import type { RunProgressNotifier } from '../../core/promotion/progress';
import type { PromotionRun, SummaryCounts } from '../../core/runs/model';
import { MongoAuditLog } from '../../core/store/mongo-audit-log';
import { MongoControlStore } from '../../core/store/mongo-control-store';
import { MongoDirectoryStore } from '../../core/store/mongo-directory-store';
import { MongoRunStore } from '../../core/store/mongo-run-store';
import { MongoRunLease } from '../../core/store/mongo-run-lease';
import { MongoItemJournal } from '../../core/store/mongo-item-journal';
import { isTransientStoreError } from '../../core/store/mongo-errors';
import { memoryLogger } from '../../core/logging/logger';
import type { ExecutorSettings } from '../../core/promotion/execute-run';
import { SUBJECT_TYPES } from '../../core/subjects/registry';
import type { GraphJson, SubjectTypeKey } from '../../core/subjects/subject-type';
import { FakeIntuneGraph } from './fake-intune-graph';
import { catalogSetting, includeGroup } from './inventory-builder';

export const WORKSPACE = WorkspaceId('ws-promotion');
export const SOURCE: Tenant = { id: TenantId('aaaaaaaa-0000-4000-8000-00000000000a'), workspaceId: WORKSPACE, displayName: 'Contoso Staging', environment: 'staging', credentials: {} };
export const TARGET: Tenant = { id: TenantId('bbbbbbbb-0000-4000-8000-00000000000b'), workspaceId: WORKSPACE, displayName: 'Contoso Production', environment: 'production', credentials: {} };
export const INITIATOR = ActorId('actor-initiator');
export const APPROVER = ActorId('actor-approver');
export const RUN_CLOCK = new Date('2026-04-27T10:00:00.000Z');

export const PATHS = {
  settingsCatalog: SUBJECT_TYPES.settingsCatalog.collectionPath,
  deviceConfiguration: SUBJECT_TYPES.deviceConfiguration.collectionPath,
  compliancePolicy: SUBJECT_TYPES.compliancePolicy.collectionPath,
  conditionalAccessPolicy: SUBJECT_TYPES.conditionalAccessPolicy.collectionPath,
  groups: '/v1.0/groups',
  scopeTags: '/beta/deviceManagement/roleScopeTags',
  namedLocations: '/v1.0/identity/conditionalAccess/namedLocations',
  assignmentFilters: SUBJECT_TYPES.assignmentFilter.collectionPath,
} as const;

/** A member who may promote from SOURCE to TARGET (baselines manage, manage on the target, view on the source). */
export function promoter(actorId: ActorId, displayName: string, overrides: Partial<Membership> = {}): Membership {
  return {
    workspaceId: WORKSPACE,
    actorId,
    displayName,
    workspaceCapabilities: ['WORKSPACE_BASELINES_VIEW', 'WORKSPACE_BASELINES_MANAGE'],
    tenantCapabilities: { [SOURCE.id]: ['TENANT_VIEW'], [TARGET.id]: ['TENANT_VIEW', 'TENANT_MANAGE'] },
    ...overrides,
  };
}

/** Same-named reference objects under different ids in each tenant. */
export function seedReferences(graph: FakeIntuneGraph): void {
  graph
    .seed(SOURCE.id, PATHS.scopeTags, { id: '0', displayName: 'Default' })
    .seed(SOURCE.id, PATHS.scopeTags, { id: '7', displayName: 'Berlin' })
    .seed(TARGET.id, PATHS.scopeTags, { id: '0', displayName: 'Default' })
    .seed(TARGET.id, PATHS.scopeTags, { id: '12', displayName: 'Berlin' })
    .seed(SOURCE.id, PATHS.groups, { id: 's-grp-pilot', displayName: 'Pilot users' })
    .seed(TARGET.id, PATHS.groups, { id: 't-grp-pilot', displayName: 'Pilot users' })
    .seed(SOURCE.id, PATHS.groups, { id: 's-grp-orphan', displayName: 'Only in staging' })
    .seed(SOURCE.id, PATHS.namedLocations, { id: 's-loc-office', displayName: 'Office' })
    .seed(TARGET.id, PATHS.namedLocations, { id: 't-loc-office', displayName: 'Office' });
}

/** A settings catalog policy as Graph holds it (settings and assignments inline). */
export function catalogPolicy(id: string, name: string, values: Record<string, string | number>, extra: GraphJson = {}): GraphJson {
  return {
    id,
    name,
    description: '',
    platforms: 'windows10',
    technologies: 'mdm',
    roleScopeTagIds: ['0'],
    settingCount: Object.keys(values).length,
    createdDateTime: '2026-01-01T00:00:00Z',
    lastModifiedDateTime: '2026-01-02T00:00:00Z',
    settings: Object.entries(values).map(([definitionId, value], i) => ({ id: String(i), ...catalogSetting(definitionId, value) })),
    assignments: [],
    ...extra,
  };
}

/** A Windows 10 device restrictions profile. */
export function restrictions(id: string, name: string, settings: GraphJson, extra: GraphJson = {}): GraphJson {
  return { '@odata.type': '#microsoft.graph.windows10GeneralConfiguration', id, displayName: name, version: 3, roleScopeTagIds: ['0'], ...settings, assignments: [], ...extra };
}

/** A Windows 10 compliance policy with one block action. */
export function compliance(id: string, name: string, settings: GraphJson, extra: GraphJson = {}): GraphJson {
  return {
    '@odata.type': '#microsoft.graph.windows10CompliancePolicy',
    id,
    displayName: name,
    version: 1,
    roleScopeTagIds: ['0'],
    ...settings,
    scheduledActionsForRule: [
      {
        id: `${id}-rule`,
        ruleName: 'PasswordRequired',
        scheduledActionConfigurations: [{ id: `${id}-block`, actionType: 'block', gracePeriodHours: 12, notificationTemplateId: '', notificationMessageCCList: [] }],
      },
    ],
    assignments: [],
    ...extra,
  };
}

/** A Conditional Access policy for a group at a named location. */
export function caPolicy(id: string, name: string, groupId: string, locationId: string, controls: string[]): GraphJson {
  return {
    id,
    displayName: name,
    state: 'enabledForReportingButNotEnforced',
    createdDateTime: '2026-01-01T00:00:00Z',
    conditions: {
      users: { includeUsers: [], includeGroups: [groupId], excludeGroups: [] },
      locations: { includeLocations: [locationId], excludeLocations: ['AllTrusted'] },
      applications: { includeApplications: ['All'] },
    },
    grantControls: { operator: 'OR', builtInControls: controls },
  };
}

export { includeGroup };

/** Executor timings for tests: the real lease, a short visibility wait, fast retries. */
export const TEST_EXECUTOR_SETTINGS: ExecutorSettings = {
  owner: 'test-worker',
  leaseMs: 10_000,
  visibilityWaitMs: 400,
  visibilityPollMs: 25,
  retryDelaysMs: [100, 200],
};

/** Everything a test of the executor needs, on its own database. */
export interface PromotionWorld {
  graph: FakeIntuneGraph;
  deps: ExecutorDeps;
  runs: MongoRunStore;
  directory: MongoDirectoryStore;
  controls: MongoControlStore;
  audit: MongoAuditLog;
  progress: RecordingNotifier;
}

/** Records what the executor reported, in order. */
export class RecordingNotifier implements RunProgressNotifier {
  readonly updates: { status: string; currentItem?: string; summary: SummaryCounts }[] = [];
  readonly completions: PromotionRun[] = [];

  async update(run: PromotionRun, summary: SummaryCounts): Promise<void> {
    this.updates.push({ status: run.status, ...(run.currentItem ? { currentItem: run.currentItem } : {}), summary: { ...summary } });
  }

  async completed(run: PromotionRun): Promise<void> {
    this.completions.push(structuredClone(run));
  }
}

/** A fresh world on `db`: workspace, both tenants, initiator and approver with full promotion rights, references seeded. */
export async function promotionWorld(db: Db): Promise<PromotionWorld> {
  const graph = new FakeIntuneGraph();
  seedReferences(graph);
  const runs = new MongoRunStore(db);
  const directory = new MongoDirectoryStore(db);
  const controls = new MongoControlStore(db);
  const audit = new MongoAuditLog(db);
  const progress = new RecordingNotifier();
  await directory.saveWorkspace({ id: WORKSPACE, name: 'Contoso MSP', settings: { requireSecondApprover: false } });
  await directory.saveTenant(SOURCE);
  await directory.saveTenant(TARGET);
  await directory.saveMembership(promoter(INITIATOR, 'Ines Initiator'));
  await directory.saveMembership(promoter(APPROVER, 'Arno Approver'));
  const deps: ExecutorDeps = {
    runs,
    directory,
    controls,
    audit,
    graph,
    progress,
    lease: new MongoRunLease(db),
    journal: new MongoItemJournal(db),
    logger: memoryLogger(),
    settings: TEST_EXECUTOR_SETTINGS,
    isTransient: isTransientStoreError,
    now: () => RUN_CLOCK,
  };
  return { graph, deps, runs, directory, controls, audit, progress };
}

const PROMOTABLE_TYPES = Object.values(SUBJECT_TYPES);

async function snapshotOf(graph: FakeIntuneGraph, tenant: Tenant): Promise<InventorySnapshot> {
  const { subjects, referenceObjects } = await readTenantInventory(graph, tenant, PROMOTABLE_TYPES);
  const observedAt = new Date(RUN_CLOCK.getTime() - 60_000);
  return { workspaceId: WORKSPACE, tenantId: tenant.id, observedAt, lastAttemptAt: observedAt, subjects, referenceObjects };
}

/** The preflight and ready-only plan of the world as it is now, derived as production derives them. */
export async function currentPlan(graph: FakeIntuneGraph, includeAssignments: boolean): Promise<{ plan: PromotionPlan; preflight: PromotionPreflight }> {
  const [source, target] = await Promise.all([snapshotOf(graph, SOURCE), snapshotOf(graph, TARGET)]);
  const selection = { sourceTenantId: SOURCE.id, targetTenantId: TARGET.id, types: [] as SubjectTypeKey[], includeAssignments };
  const preview = buildComparePreview({ selection, source, target, typesInScope: PROMOTABLE_TYPES.map((t) => t.key) });
  const preflight = classifyPreflight({
    preview,
    source,
    target,
    now: RUN_CLOCK,
    freshnessMs: 24 * 60 * 60 * 1000,
    isPromotable: registryPromotability,
  });
  graph.clearRequests();
  return { plan: planFromPreflight(preflight), preflight };
}

/** Queues a run of the world's current plan (taking the target's run lock, as confirming does); resolves with it. */
export async function queueRun(world: PromotionWorld, opts: { includeAssignments?: boolean } = {}): Promise<PromotionRun> {
  const { plan } = await currentPlan(world.graph, opts.includeAssignments ?? true);
  const run: PromotionRun = {
    id: RunId(randomUUID()),
    workspaceId: WORKSPACE,
    operation: 'promotion.execute',
    selection: { sourceTenantId: SOURCE.id, targetTenantId: TARGET.id, types: [], includeAssignments: plan.includeAssignments },
    sourceTenantId: SOURCE.id,
    targetTenantId: TARGET.id,
    plan,
    excluded: [],
    initiatorId: INITIATOR,
    approverId: APPROVER,
    status: 'queued',
    summary: { total: plan.items.length, processed: 0, succeeded: 0, failed: 0, skipped: 0 },
    createdAt: new Date(RUN_CLOCK.getTime() - 1000),
  };
  const lock = await world.runs.acquireLock(TARGET.id, run.id, plan.fingerprint, run.createdAt);
  if (lock.kind !== 'acquired') throw new Error(`target lock not acquired: ${lock.kind}`);
  await world.runs.insert(run);
  return run;
}

/** The three-subject source the executor suites share: a ready create, a ready update whose settings and assignments differ, an extra create with no assignments. */
export function seedBaselineSubjects(world: PromotionWorld): void {
  world.graph
    .seed(SOURCE.id, PATHS.settingsCatalog, catalogPolicy('s-sc-baseline', 'Baseline', { bitlocker_requiredeviceencryption: '1' }, { roleScopeTagIds: ['7'], assignments: [includeGroup('s-grp-pilot')] }))
    .seed(SOURCE.id, PATHS.deviceConfiguration, restrictions('s-dc-restr', 'Restrictions', { passwordMinimumLength: 12 }, { assignments: [includeGroup('s-grp-pilot')] }))
    .seed(TARGET.id, PATHS.deviceConfiguration, restrictions('t-dc-restr', 'Restrictions', { passwordMinimumLength: 8 }))
    .seed(SOURCE.id, PATHS.deviceConfiguration, restrictions('s-dc-camera', 'Camera', { cameraBlocked: true }));
}

/**
 * Registers the hooks of an executor suite: its own database, a fresh world before each test (seeded by `seed`),
 * and after each test the check every executor test shares: nothing was ever written to the source tenant.
 */
export function usePromotionWorld(name: string, seed?: (world: PromotionWorld) => void): { readonly world: PromotionWorld; readonly db: Db } {
  let t: TestDb;
  let current: PromotionWorld;
  beforeAll(async () => {
    t = await testDb(name);
  });
  beforeEach(async () => {
    await t.db.dropDatabase();
    current = await promotionWorld(t.db);
    seed?.(current);
  });
  afterEach(() => {
    expect(current.graph.writes(SOURCE.id)).toEqual([]);
  });
  afterAll(async () => {
    await t?.close();
  });
  return {
    get world() {
      return current;
    },
    get db() {
      return t.db;
    },
  };
}
