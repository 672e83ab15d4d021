import { visibleTenant, type ActorContext } from '../access/actor-context';
import type { Tenant } from '../access/model';
import { hasWorkspaceCapability, requireWorkspaceCapability } from '../access/policy';
import type { AuditEvent } from '../audit/model';
import { InvalidInput, NotFound } from '../errors';
import type { RunId, TenantId } from '../ids';
import type { SnapshotHeader } from '../inventory/snapshot-store';
import type { PromotionRun, RunItemResult, RunStatus } from '../runs/model';
import type { RunListEntry } from '../runs/run-store';
import { authorised } from './audit-forbidden';
import type { WorkflowDeps } from './deps';
import { undoStanding, type UndoStanding } from './undo-standing';

const isAdmin = (ctx: ActorContext) => hasWorkspaceCapability(ctx.actor, 'WORKSPACE_ADMIN');

/** Runs the actor may see, newest first: admins see every run of the workspace, members those of tenants they view. */
export async function listRuns(
  deps: WorkflowDeps,
  ctx: ActorContext,
  q: { tenantId?: TenantId; status?: RunStatus; idPrefix?: string; offset: number; limit: number },
): Promise<{ runs: RunListEntry[]; total: number }> {
  requireWorkspaceCapability(ctx.actor, 'WORKSPACE_BASELINES_VIEW');
  // A filter naming a tenant the actor cannot see is answered like one that does not exist, as `runs for <name>` is.
  const tenant = q.tenantId ? visibleTenant(ctx, q.tenantId) : undefined;
  return deps.runs.list({
    workspaceId: ctx.workspace.id,
    ...(isAdmin(ctx) ? {} : { visibleTenantIds: ctx.visibleTenants.map((t) => t.id) }),
    ...(tenant ? { tenantId: tenant.id } : {}),
    ...(q.status ? { status: q.status } : {}),
    ...(q.idPrefix ? { idPrefix: q.idPrefix } : {}),
    offset: q.offset,
    limit: q.limit,
  });
}

/** Fewest characters of a run id that `run` accepts as a prefix. */
export const MIN_RUN_ID_PREFIX = 6;
const FULL_RUN_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The run a typed id means: a full id as it is, or the one run the actor may see whose id starts with a prefix of at
 * least six characters. Too short or shared by several runs is refused in words; none is NotFound.
 */
export async function resolveRunId(deps: WorkflowDeps, ctx: ActorContext, typed: string): Promise<RunId> {
  const id = typed.trim().toLowerCase();
  if (FULL_RUN_ID.test(id)) return id as RunId;
  if (id.length < MIN_RUN_ID_PREFIX) {
    throw new InvalidInput(`"${typed.slice(0, 40)}" is too short for a run id: type at least ${MIN_RUN_ID_PREFIX} characters of it. "runs" lists recent runs with their short ids.`);
  }
  const { runs } = await listRuns(deps, ctx, { offset: 0, limit: 2, idPrefix: id });
  if (runs.length === 0) throw new NotFound('run');
  if (runs.length > 1) throw new InvalidInput(`Several runs start with "${id}"; type more of the id. "runs" lists them.`);
  return runs[0]!.id;
}

/** The run with both its tenants when the actor sees both; otherwise NotFound, exactly like an unknown id. */
export async function visibleRun(deps: Pick<WorkflowDeps, 'runs'>, ctx: ActorContext, runId: RunId): Promise<{ run: PromotionRun; source: Tenant; target: Tenant }> {
  const run = await deps.runs.get(ctx.workspace.id, runId);
  if (!run) throw new NotFound('run');
  try {
    return { run, source: visibleTenant(ctx, run.sourceTenantId), target: visibleTenant(ctx, run.targetTenantId) };
  } catch {
    throw new NotFound('run');
  }
}

/** One run with a page of its items; a run outside the actor's scope is NotFound, exactly like an unknown id. */
export async function runDetail(
  deps: WorkflowDeps,
  ctx: ActorContext,
  runId: RunId,
  page: { offset: number; limit: number },
): Promise<{ run: PromotionRun; items: RunItemResult[]; totalItems: number; source: Tenant; target: Tenant; undo: UndoStanding }> {
  requireWorkspaceCapability(ctx.actor, 'WORKSPACE_BASELINES_VIEW');
  const { run, source, target } = await visibleRun(deps, ctx, runId);
  const { items, total } = await deps.runs.items(run.id, page);
  return { run, items, totalItems: total, source, target, undo: await undoStanding(deps, run) };
}

/** Admins only: the workspace's audit events, newest first. */
export async function listAudit(deps: WorkflowDeps, ctx: ActorContext, page: { offset: number; limit: number }): Promise<{ events: AuditEvent[]; total: number }> {
  await authorised(deps, ctx, 'audit.list', [], () => requireWorkspaceCapability(ctx.actor, 'WORKSPACE_ADMIN'));
  return deps.audit.list(ctx.workspace.id, page);
}

/** Queues an inventory refresh of a visible tenant and waits a while for it; audited. */
export async function syncTenant(deps: WorkflowDeps, ctx: ActorContext, tenantId: TenantId): Promise<{ finished: boolean; header?: SnapshotHeader }> {
  const tenant = visibleTenant(ctx, tenantId);
  await deps.audit.append({ workspaceId: ctx.workspace.id, at: deps.now(), actorId: ctx.actor.id, action: 'inventory.sync.requested', tenantIds: [tenant.id], metadata: { tenant: tenant.id } });
  const finished = await deps.refresher.refresh(tenant.workspaceId, tenant.id, deps.refreshWaitMs);
  const header = (await deps.snapshots.headers(ctx.workspace.id)).find((h) => h.tenantId === tenant.id);
  return { finished, ...(header ? { header } : {}) };
}
