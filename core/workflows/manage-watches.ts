import { randomUUID } from 'node:crypto';
import { visibleTenant, type ActorContext } from '../access/actor-context';
import type { Tenant } from '../access/model';
import { requireWorkspaceCapability } from '../access/policy';
import type { AuditLog } from '../audit/model';
import { InvalidInput, NotFound } from '../errors';
import type { SubjectTypeKey } from '../subjects/subject-type';
import type { Watch, WatchConversation } from '../watches/model';
import type { WatchQueue } from '../watches/watch-queue';
import type { WatchStore } from '../watches/watch-store';
import { resolvePair } from './compare-tenants';

/** The ports the watch commands use. */
export interface WatchDeps {
  watches: WatchStore;
  watchQueue: WatchQueue;
  audit: AuditLog;
  now: () => Date;
}

/** Shortest and longest interval between two checks of a watch. */
export const WATCH_INTERVAL_HOURS = { min: 1, max: 168, default: 24 } as const;

/** A `watch` command with the tenants looked up and the conversation it was typed in. */
export interface WatchRequest {
  sourceTenantId: string;
  targetTenantId: string;
  types: SubjectTypeKey[];
  includeAssignments: boolean;
  intervalHours: number;
  conversation: WatchConversation;
}

/** A watch with its two tenants as the member sees them. */
export interface VisibleWatch {
  watch: Watch;
  source: Tenant;
  target: Tenant;
}

/**
 * Creates a watch (only a member allowed to compare both tenants) and audits it. The first check is due at once and
 * posts the baseline. The same pair watched again in the same conversation is refused, unless that watch paused itself.
 */
export async function createWatch(deps: WatchDeps, ctx: ActorContext, request: WatchRequest): Promise<VisibleWatch> {
  const { source, target } = resolvePair(ctx, request.sourceTenantId, request.targetTenantId);
  const { min, max } = WATCH_INTERVAL_HOURS;
  if (!Number.isInteger(request.intervalHours) || request.intervalHours < min || request.intervalHours > max) {
    throw new InvalidInput(`A watch checks every ${min} to ${max} hours; ${request.intervalHours} hours is not possible.`);
  }
  const now = deps.now();
  const watch: Watch = {
    id: randomUUID(),
    workspaceId: ctx.workspace.id,
    sourceTenantId: source.id,
    targetTenantId: target.id,
    types: [...new Set(request.types)].sort(),
    includeAssignments: request.includeAssignments,
    intervalHours: request.intervalHours,
    conversation: request.conversation,
    createdBy: ctx.actor.id,
    createdAt: now,
    status: 'active',
    nextCheckAt: now,
  };
  const created = (await deps.watches.insert(watch)) === 'created' || (await deps.watches.replacePaused(watch));
  if (!created) {
    throw new InvalidInput(`${source.displayName} → ${target.displayName} is already watched in this conversation. Type \`watches\` to see it, or \`unwatch ${source.displayName} to ${target.displayName}\` to stop it.`);
  }
  await deps.audit.append({
    workspaceId: ctx.workspace.id,
    at: now,
    actorId: ctx.actor.id,
    action: 'watch.created',
    tenantIds: [source.id, target.id],
    metadata: { watchId: watch.id, source: source.id, target: target.id, types: watch.types, includeAssignments: watch.includeAssignments, intervalHours: watch.intervalHours, conversationKind: watch.conversation.kind },
  });
  return { watch, source, target };
}

/** The workspace's watches whose two tenants the member may see (others are not mentioned at all). */
export async function listWatches(deps: Pick<WatchDeps, 'watches'>, ctx: ActorContext): Promise<VisibleWatch[]> {
  requireWorkspaceCapability(ctx.actor, 'WORKSPACE_BASELINES_VIEW');
  const all = await deps.watches.list(ctx.workspace.id);
  return all.flatMap((watch) => {
    const source = ctx.visibleTenants.find((t) => t.id === watch.sourceTenantId);
    const target = ctx.visibleTenants.find((t) => t.id === watch.targetTenantId);
    return source && target ? [{ watch, source, target }] : [];
  });
}

/** The watch if the member may compare its two tenants; NotFound exactly as for a watch that does not exist. */
async function manageableWatch(deps: Pick<WatchDeps, 'watches'>, ctx: ActorContext, watchId: string): Promise<VisibleWatch> {
  const watch = await deps.watches.get(ctx.workspace.id, watchId);
  if (!watch) throw new NotFound('watch');
  try {
    visibleTenant(ctx, watch.sourceTenantId);
    visibleTenant(ctx, watch.targetTenantId);
  } catch {
    throw new NotFound('watch');
  }
  return { watch, ...resolvePair(ctx, watch.sourceTenantId, watch.targetTenantId) };
}

/** Stops (removes) a watch and audits it. */
export async function stopWatch(deps: WatchDeps, ctx: ActorContext, watchId: string): Promise<VisibleWatch> {
  const found = await manageableWatch(deps, ctx, watchId);
  const removed = await deps.watches.remove(ctx.workspace.id, watchId);
  if (!removed) throw new NotFound('watch');
  await deps.audit.append({
    workspaceId: ctx.workspace.id,
    at: deps.now(),
    actorId: ctx.actor.id,
    action: 'watch.stopped',
    tenantIds: [removed.sourceTenantId, removed.targetTenantId],
    metadata: { watchId: removed.id, source: removed.sourceTenantId, target: removed.targetTenantId, createdBy: removed.createdBy },
  });
  return { ...found, watch: removed };
}

/** Stops the pair's watch in this conversation (`unwatch`). */
export async function unwatchPair(deps: WatchDeps, ctx: ActorContext, pair: { sourceTenantId: string; targetTenantId: string }, conversationId: string): Promise<VisibleWatch> {
  const { source, target } = resolvePair(ctx, pair.sourceTenantId, pair.targetTenantId);
  const watch = await deps.watches.findInConversation(ctx.workspace.id, source.id, target.id, conversationId);
  if (!watch) throw new InvalidInput(`${source.displayName} → ${target.displayName} is not watched in this conversation. Type \`watches\` to see where each watch posts, and stop it there.`);
  return stopWatch(deps, ctx, watch.id);
}

/** Queues a check of the watch now; it posts exactly as a scheduled check would. A paused watch is refused with why. */
export async function checkWatchNow(deps: WatchDeps, ctx: ActorContext, watchId: string): Promise<VisibleWatch> {
  const found = await manageableWatch(deps, ctx, watchId);
  if (found.watch.status === 'paused') throw new InvalidInput(`This watch is paused: ${found.watch.pausedReason ?? 'its creator lost access'}`);
  await deps.watchQueue.checkNow(ctx.workspace.id, watchId);
  return found;
}
