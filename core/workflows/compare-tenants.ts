import { visibleTenant, type ActorContext } from '../access/actor-context';
import type { Tenant } from '../access/model';
import { requireWorkspaceCapability } from '../access/policy';
import { buildComparePreview } from '../compare/build-compare-preview';
import type { ComparePreview, CompareSelection } from '../compare/model';
import { InvalidInput } from '../errors';
import type { InventorySnapshot } from '../inventory/model';
import type { AppliedMapping } from '../mappings/model';
import { emptySnapshot } from '../preflight/evidence';
import { SUBJECT_TYPE_KEYS, type SubjectTypeKey } from '../subjects/subject-type';
import type { WorkflowDeps } from './deps';

/** A compare request as it arrives from chat: tenant ids already looked up, nothing trusted yet. */
export interface CompareRequest {
  sourceTenantId: string;
  targetTenantId: string;
  types: SubjectTypeKey[];
  includeAssignments: boolean;
  /** Refresh both snapshots before comparing (the card's Refresh action). */
  refresh?: boolean;
}

/** Everything a compare produced: both tenants, the snapshots it used and the preview. */
export interface Comparison {
  source: Tenant;
  target: Tenant;
  sourceSnapshot: InventorySnapshot;
  targetSnapshot: InventorySnapshot;
  /** The pair's managed mappings the preview judged references with. */
  mappings: AppliedMapping[];
  preview: ComparePreview;
}

/** Authorises and resolves both tenants; an invisible tenant is NotFound, the same tenant twice is refused. */
export function resolvePair(ctx: ActorContext, sourceTenantId: string, targetTenantId: string): { source: Tenant; target: Tenant } {
  requireWorkspaceCapability(ctx.actor, 'WORKSPACE_BASELINES_VIEW');
  const source = visibleTenant(ctx, sourceTenantId);
  const target = visibleTenant(ctx, targetTenantId);
  if (source.id === target.id) throw new InvalidInput('Source and target must be different tenants.');
  return { source, target };
}

/** Compares two tenants from their snapshots, refreshing snapshots that are missing, stale or asked for. */
export async function compareTenants(deps: WorkflowDeps, ctx: ActorContext, request: CompareRequest): Promise<Comparison> {
  const { source, target } = resolvePair(ctx, request.sourceTenantId, request.targetTenantId);
  const [sourceSnapshot, targetSnapshot, mappings] = await Promise.all([
    currentSnapshot(deps, source, request.refresh ?? false),
    currentSnapshot(deps, target, request.refresh ?? false),
    appliedMappings(deps, source, target),
  ]);
  const types = request.types.length > 0 ? [...new Set(request.types)].sort() : [...SUBJECT_TYPE_KEYS];
  const selection: CompareSelection = {
    sourceTenantId: source.id,
    targetTenantId: target.id,
    types: request.types.length > 0 ? types : [],
    includeAssignments: request.includeAssignments,
  };
  const preview = buildComparePreview({ selection, source: sourceSnapshot, target: targetSnapshot, typesInScope: types, mappings });
  return { source, target, sourceSnapshot, targetSnapshot, mappings, preview };
}

/** The pair's managed mappings as compare, preflight and verification judge references with them. */
export async function appliedMappings(deps: WorkflowDeps, source: Tenant, target: Tenant): Promise<AppliedMapping[]> {
  const stored = await deps.mappings.list(source.workspaceId, source.id, target.id);
  return stored.map((m) => ({ kind: m.kind, sourceId: m.sourceId, targetId: m.targetId }));
}

/** Reads a snapshot as it is, without refreshing (preflight and execution must judge the evidence the operator saw). */
export async function storedSnapshot(deps: WorkflowDeps, tenant: Tenant): Promise<InventorySnapshot> {
  return (await deps.snapshots.get(tenant.workspaceId, tenant.id)) ?? emptySnapshot(tenant.workspaceId, tenant.id);
}

/**
 * The snapshot a chat command reads, as compare reads it: refreshed (and waited for, up to `refreshWaitMs`) when it is
 * missing, older than the freshness window, or asked for; a failed one is retried after a while. Right after start-up,
 * before the first inventory sync finished, this waits for it instead of answering from an empty inventory.
 */
export async function currentSnapshot(deps: WorkflowDeps, tenant: Tenant, forceRefresh = false): Promise<InventorySnapshot> {
  const existing = await deps.snapshots.get(tenant.workspaceId, tenant.id);
  const now = deps.now().getTime();
  const needsRefresh =
    forceRefresh || !existing || (!existing.staleReason && now - existing.observedAt.getTime() > deps.freshnessMs) ||
    (existing.staleReason !== undefined && now - existing.lastAttemptAt.getTime() > deps.freshnessMs / 24);
  if (!needsRefresh) return existing;
  await deps.refresher.refresh(tenant.workspaceId, tenant.id, deps.refreshWaitMs);
  return (await deps.snapshots.get(tenant.workspaceId, tenant.id)) ?? emptySnapshot(tenant.workspaceId, tenant.id);
}
