import type { ActorContext } from '../access/actor-context';
import type { Tenant } from '../access/model';
import { requireWorkspaceCapability } from '../access/policy';
import { normaliseName } from '../compare/subject-identity';
import { InvalidInput } from '../errors';
import { findReferenceObject, type ReferenceObjectRef } from '../mappings/find-reference-object';
import type { ReferenceMapping } from '../mappings/model';
import { REFERENCE_KIND_LABELS, type ReferenceKind } from '../subjects/references';
import { authorised } from './audit-forbidden';
import { currentSnapshot, resolvePair } from './compare-tenants';
import type { WorkflowDeps } from './deps';

/** A source → target tenant pair as a request names it: ids already looked up, nothing trusted yet. */
export interface PairRequest {
  sourceTenantId: string;
  targetTenantId: string;
}

/** Both tenants of a pair, resolved among those the actor may see. */
export interface MappingPair {
  source: Tenant;
  target: Tenant;
}

/** `map`: which source object of which kind maps to which target object. */
export interface SaveMappingRequest extends PairRequest {
  kind: ReferenceKind;
  source: ReferenceObjectRef;
  target: ReferenceObjectRef;
}

/** A saved mapping and the one it replaced, if any. */
export interface SavedMapping extends MappingPair {
  mapping: ReferenceMapping;
  replaced?: ReferenceMapping;
}

/** A stored mapping and whether its target object is still in the target tenant's inventory. */
export interface ListedMapping {
  mapping: ReferenceMapping;
  targetExists: boolean;
}

/** `unmap`: the source object whose mapping goes. */
export interface RemoveMappingRequest extends PairRequest {
  kind: ReferenceKind;
  source: ReferenceObjectRef;
}

/**
 * Resolves the pair (an invisible tenant is NotFound, the same tenant twice is refused) and requires baselines
 * manage; a refusal is audited as `action.forbidden` with `action` as the attempt.
 */
export async function authoriseMappingPair(deps: WorkflowDeps, ctx: ActorContext, action: string, request: PairRequest): Promise<MappingPair> {
  const pair = resolvePair(ctx, request.sourceTenantId, request.targetTenantId);
  await authorised(deps, ctx, action, [pair.source.id, pair.target.id], () => requireWorkspaceCapability(ctx.actor, 'WORKSPACE_BASELINES_MANAGE'));
  return pair;
}

/**
 * Maps a source reference object to a target object of the same kind, both looked up in the snapshots as compare
 * reads them (waiting for a first inventory right after start-up)
 * (never "first match" for a name); replaces the pair's earlier mapping of that object. Audited.
 */
export async function saveMapping(deps: WorkflowDeps, ctx: ActorContext, request: SaveMappingRequest): Promise<SavedMapping> {
  const pair = await authoriseMappingPair(deps, ctx, 'mapping.save', request);
  const [sourceSnapshot, targetSnapshot, existing] = await Promise.all([
    currentSnapshot(deps, pair.source),
    currentSnapshot(deps, pair.target),
    deps.mappings.list(ctx.workspace.id, pair.source.id, pair.target.id),
  ]);
  const from = findReferenceObject(sourceSnapshot.referenceObjects, request.kind, request.source, { tenantName: pair.source.displayName });
  const to = findReferenceObject(targetSnapshot.referenceObjects, request.kind, request.target, { tenantName: pair.target.displayName });
  const mapping: ReferenceMapping = {
    workspaceId: ctx.workspace.id,
    sourceTenantId: pair.source.id,
    targetTenantId: pair.target.id,
    kind: request.kind,
    sourceId: from.id,
    sourceName: from.displayName,
    targetId: to.id,
    targetName: to.displayName,
    createdBy: ctx.actor.id,
    createdAt: deps.now(),
  };
  const replaced = existing.find((m) => m.kind === mapping.kind && m.sourceId === mapping.sourceId);
  await deps.mappings.save(mapping);
  await deps.audit.append({
    workspaceId: ctx.workspace.id,
    at: mapping.createdAt,
    actorId: ctx.actor.id,
    action: 'mapping.saved',
    tenantIds: [pair.source.id, pair.target.id],
    metadata: { source: pair.source.id, target: pair.target.id, kind: mapping.kind, sourceId: mapping.sourceId, targetId: mapping.targetId, replacedTargetId: replaced?.targetId ?? null },
  });
  return { ...pair, mapping, ...(replaced ? { replaced } : {}) };
}

/** The pair's mappings by kind then source name, each flagged when its target object is gone from the target's inventory. */
export async function listMappings(deps: WorkflowDeps, ctx: ActorContext, request: PairRequest): Promise<MappingPair & { mappings: ListedMapping[] }> {
  const pair = await authoriseMappingPair(deps, ctx, 'mapping.list', request);
  const [targetSnapshot, stored] = await Promise.all([currentSnapshot(deps, pair.target), deps.mappings.list(ctx.workspace.id, pair.source.id, pair.target.id)]);
  const present = new Set(targetSnapshot.referenceObjects.map((o) => `${o.kind}\u0000${o.id}`));
  return { ...pair, mappings: stored.map((mapping) => ({ mapping, targetExists: present.has(`${mapping.kind}\u0000${mapping.targetId}`) })) };
}

/**
 * Removes the pair's mapping of one source object, named by id, by the name it was mapped under or by its
 * current name in the source inventory; none or several matching is InvalidInput. Audited.
 */
export async function removeMapping(deps: WorkflowDeps, ctx: ActorContext, request: RemoveMappingRequest): Promise<MappingPair & { removed: ReferenceMapping }> {
  const pair = await authoriseMappingPair(deps, ctx, 'mapping.remove', request);
  const [sourceSnapshot, stored] = await Promise.all([currentSnapshot(deps, pair.source), deps.mappings.list(ctx.workspace.id, pair.source.id, pair.target.id)]);
  const ofKind = stored.filter((m) => m.kind === request.kind);
  const matches = (m: ReferenceMapping): boolean => {
    if ('id' in request.source) return m.sourceId.toLowerCase() === request.source.id.toLowerCase();
    const wanted = normaliseName(request.source.name);
    const current = sourceSnapshot.referenceObjects.find((o) => o.kind === m.kind && o.id === m.sourceId);
    return normaliseName(m.sourceName) === wanted || (current !== undefined && normaliseName(current.displayName) === wanted);
  };
  const found = ofKind.filter(matches);
  const label = REFERENCE_KIND_LABELS[request.kind].toLowerCase();
  const named = 'id' in request.source ? request.source.id.slice(0, 64) : `"${request.source.name.slice(0, 120)}"`;
  const direction = `from ${pair.source.displayName} to ${pair.target.displayName}`;
  const listHint = `Type "mappings ${pair.source.displayName} to ${pair.target.displayName}" to list them.`;
  if (found.length > 1) throw new InvalidInput(`Several ${label} mappings ${direction} match ${named}. ${listHint}`);
  const removed = found[0];
  if (!removed || !(await deps.mappings.remove(ctx.workspace.id, pair.source.id, pair.target.id, removed.kind, removed.sourceId))) {
    throw new InvalidInput(`There is no ${label} mapping for ${named} ${direction}. ${listHint}`);
  }
  await deps.audit.append({
    workspaceId: ctx.workspace.id,
    at: deps.now(),
    actorId: ctx.actor.id,
    action: 'mapping.removed',
    tenantIds: [pair.source.id, pair.target.id],
    metadata: { source: pair.source.id, target: pair.target.id, kind: removed.kind, sourceId: removed.sourceId, targetId: removed.targetId },
  });
  return { ...pair, removed };
}
