// Fixtures for the store contract suites (test/store/). Every scope helper draws fresh ids, so the
// tests of one file share a database (and its indexes) without ever seeing each other's documents.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Membership, Workspace } from '../../core/access/model';
import type { AuditEvent } from '../../core/audit/model';
import type { OperationalControl } from '../../core/controls/model';
import type { StoredConversation } from '../../core/conversations/model';
import { ActorId, RunId, TenantId, WorkspaceId } from '../../core/ids';
import type { InventorySnapshot } from '../../core/inventory/model';
import type { ReferenceMapping } from '../../core/mappings/model';
import type { PromotionRequest } from '../../core/promotion/request';
import type { PromotionRun, RunItemResult } from '../../core/runs/model';
import type { Watch } from '../../core/watches/model';
import { ensureIndexes } from '../../core/store/collections';
import { FIXTURE_NOW, selection, snapshot } from './inventory-builder';
import { testDb, type TestDb } from './mongo';

/** A test database with the repositories' indexes in place. */
export async function storeDb(name: string): Promise<TestDb> {
  const t = await testDb(name);
  await ensureIndexes(t.db);
  return t;
}

/** One workspace of a scope: its id and a source and a target tenant registered in it. */
export interface WorkspaceScope {
  workspaceId: WorkspaceId;
  source: TenantId;
  target: TenantId;
}

/** A fresh workspace with two tenants (tenant ids are GUIDs, as Entra gives them). */
export function freshWorkspace(label = 'ws'): WorkspaceScope {
  return {
    workspaceId: WorkspaceId(`${label}-${randomBytes(4).toString('hex')}`),
    source: TenantId(randomUUID()),
    target: TenantId(randomUUID()),
  };
}

/** Workspace A (the one the caller acts in) and workspace B (whose objects must stay invisible from A). */
export function twoWorkspaces(): { a: WorkspaceScope; b: WorkspaceScope } {
  return { a: freshWorkspace('ws-a'), b: freshWorkspace('ws-b') };
}

/** Milliseconds after FIXTURE_NOW, for ordering by time. */
export const at = (offsetMs: number) => new Date(FIXTURE_NOW.getTime() + offsetMs);

/** A snapshot of `count` settings catalog subjects, named in descending order so a store that sorts would show. */
export function makeSnapshot(scope: { workspaceId: WorkspaceId; tenantId: TenantId }, count: number, label = 'Policy'): InventorySnapshot {
  const builder = snapshot(scope.tenantId, scope.workspaceId).group('g-pilot', 'Pilot users');
  for (let i = count; i > 0; i--) builder.settingsCatalog(`${label} ${String(i).padStart(4, '0')}`, { device_vendor_msft_policy_config_defender_allowarchivescanning: i % 2 ? 'enabled' : 'disabled' });
  return builder.build();
}

/** A queued run in ws-1 from Contoso Staging to Contoso Production with one ready item; fresh id. */
export function makeRun(overrides: Partial<PromotionRun> = {}): PromotionRun {
  const sourceTenantId = overrides.sourceTenantId ?? TenantId('contoso-staging');
  const targetTenantId = overrides.targetTenantId ?? TenantId('contoso-production');
  return {
    id: RunId(`run-${randomUUID()}`),
    workspaceId: WorkspaceId('ws-1'),
    operation: 'promotion.execute',
    selection: selection({ sourceTenantId, targetTenantId }),
    sourceTenantId,
    targetTenantId,
    plan: {
      fingerprint: 'fp-plan-1',
      sourceTenantId,
      targetTenantId,
      includeAssignments: false,
      items: [{ type: 'settingsCatalog', displayName: 'Baseline', action: 'create', sourceId: 's-baseline', sourceHash: 'h-1', referenceMap: { '0': '0' } }],
    },
    excluded: [{ type: 'compliancePolicy', displayName: 'Legacy', outcome: 'blocked', why: 'identity conflict' }],
    initiatorId: ActorId('actor-initiator'),
    approverId: ActorId('actor-approver'),
    status: 'queued',
    summary: { total: 1, processed: 0, succeeded: 0, failed: 0, skipped: 0 },
    createdAt: FIXTURE_NOW,
    ...overrides,
  };
}

/** A succeeded create of plan item `index`. */
export function makeRunItem(runId: RunId, index: number, overrides: Partial<RunItemResult> = {}): RunItemResult {
  return {
    runId,
    index,
    type: 'settingsCatalog',
    displayName: `Baseline ${index}`,
    action: 'create',
    outcome: 'succeeded',
    targetId: `t-${index}`,
    at: FIXTURE_NOW,
    ...overrides,
  };
}

/** A preflight-generated event by a member of ws-1. */
export function makeAuditEvent(overrides: Partial<Omit<AuditEvent, 'id'>> = {}): Omit<AuditEvent, 'id'> {
  return {
    workspaceId: WorkspaceId('ws-1'),
    at: FIXTURE_NOW,
    actorId: ActorId('actor-approver'),
    action: 'promotion.preflight.generated',
    tenantIds: [TenantId('contoso-staging'), TenantId('contoso-production')],
    metadata: { fingerprint: 'fp-plan-1', ready: 3, blocked: 1 },
    ...overrides,
  };
}

/** Promotions paused in ws-1 by an admin. */
export function makeControl(overrides: Partial<OperationalControl> = {}): OperationalControl {
  return {
    workspaceId: WorkspaceId('ws-1'),
    operation: 'promotion.execute',
    paused: true,
    reason: 'change freeze',
    changedBy: ActorId('actor-admin'),
    changedAt: FIXTURE_NOW,
    ...overrides,
  };
}

/** A Teams conversation reference (opaque JSON) heard in ws-1. */
export function makeConversation(overrides: Partial<StoredConversation> = {}): StoredConversation {
  const conversationId = overrides.conversationId ?? `19:${randomBytes(6).toString('hex')}@thread.tacv2`;
  return {
    conversationId,
    workspaceId: WorkspaceId('ws-1'),
    reference: { conversation: { id: conversationId }, serviceUrl: 'https://smba.trafficmanager.net/emea/', channelId: 'msteams' },
    lastActorId: ActorId('actor-initiator'),
    updatedAt: FIXTURE_NOW,
    ...overrides,
  };
}

/** A group mapping between the fixture tenants of ws-1. */
export function makeMapping(overrides: Partial<ReferenceMapping> = {}): ReferenceMapping {
  return {
    workspaceId: WorkspaceId('ws-1'),
    sourceTenantId: TenantId('contoso-staging'),
    targetTenantId: TenantId('contoso-production'),
    kind: 'group',
    sourceId: 'g-src-pilot',
    sourceName: 'Pilot users',
    targetId: 'g-tgt-pilot',
    targetName: 'Pilot users (prod)',
    createdBy: ActorId('actor-admin'),
    createdAt: FIXTURE_NOW,
    ...overrides,
  };
}

/** An open "Execute promotion" request in ws-1; fresh id. */
export function makePromotionRequest(overrides: Partial<PromotionRequest> = {}): PromotionRequest {
  return {
    id: `req-${randomUUID()}`,
    workspaceId: WorkspaceId('ws-1'),
    selection: selection(),
    preflightFingerprint: 'fp-plan-1',
    requesterId: ActorId('actor-initiator'),
    createdAt: FIXTURE_NOW,
    ...overrides,
  };
}

/** A workspace without a second-approver rule. */
export function makeWorkspace(overrides: Partial<Workspace> = {}): Workspace {
  return { id: WorkspaceId('ws-1'), name: 'Contoso MSP', settings: { requireSecondApprover: false }, ...overrides };
}

/** A member of ws-1 who may view and manage baselines but sees no tenant. */
export function makeMembership(overrides: Partial<Membership> = {}): Membership {
  return {
    workspaceId: WorkspaceId('ws-1'),
    actorId: ActorId(`actor-${randomBytes(4).toString('hex')}`),
    displayName: 'Adele Vance',
    workspaceCapabilities: ['WORKSPACE_BASELINES_VIEW', 'WORKSPACE_BASELINES_MANAGE'],
    tenantCapabilities: {},
    ...overrides,
  };
}

/** An active daily watch of the scope's pair, due at FIXTURE_NOW, posting into a fresh channel thread; fresh id. */
export function makeWatch(scope: WorkspaceScope, overrides: Partial<Watch> = {}): Watch {
  const conversationId = `19:${randomBytes(6).toString('hex')}@thread.tacv2;messageid=1700000000000`;
  return {
    id: randomUUID(),
    workspaceId: scope.workspaceId,
    sourceTenantId: scope.source,
    targetTenantId: scope.target,
    types: [],
    includeAssignments: true,
    intervalHours: 24,
    conversation: { id: conversationId, kind: 'channel', reference: { conversation: { id: conversationId, conversationType: 'channel' }, serviceUrl: 'https://smba.trafficmanager.net/emea/', channelId: 'msteams' } },
    createdBy: ActorId('actor-initiator'),
    createdAt: FIXTURE_NOW,
    status: 'active',
    nextCheckAt: FIXTURE_NOW,
    ...overrides,
  };
}
