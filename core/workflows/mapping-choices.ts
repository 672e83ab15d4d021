import type { ActorContext } from '../access/actor-context';
import type { CompareSelection } from '../compare/model';
import { findReferenceObject } from '../mappings/find-reference-object';
import type { ReferenceMapping } from '../mappings/model';
import { rankCandidates } from '../mappings/rank-candidates';
import type { MappingGap } from '../preflight/model';
import type { ReferenceKind, ReferenceObject } from '../subjects/references';
import type { SubjectTypeKey } from '../subjects/subject-type';
import { currentSnapshot } from './compare-tenants';
import type { WorkflowDeps } from './deps';
import { derivePreflight } from './derive-preflight';
import { authoriseMappingPair, type MappingPair } from './manage-mappings';

/** `Map` on a preflight gap: the preflight's selection and the source object of the gap. */
export interface MappingChoicesRequest {
  selection: { sourceTenantId: string; targetTenantId: string; types: SubjectTypeKey[]; includeAssignments: boolean };
  kind: ReferenceKind;
  sourceId: string;
}

/** What choosing a target object for one source reference needs. */
export interface MappingChoices extends MappingPair {
  selection: CompareSelection;
  sourceObject: ReferenceObject;
  /** The reference's gap in the current preflight; undefined when it resolves (by name or by a mapping). */
  gap?: MappingGap;
  /** Subjects of the selection that wait on this reference or use its mapping, in preflight order. */
  subjectNames: string[];
  /** Target objects of the same kind, best candidates first. */
  candidates: ReferenceObject[];
  /** The pair's mapping of this source object, if one is stored. */
  current?: ReferenceMapping;
}

/**
 * Re-resolves and re-authorises the pair (baselines manage, view on both), re-derives the preflight from the
 * snapshots as compare reads them and offers the target's objects of that kind; reads only, writes nothing.
 */
export async function mappingChoices(deps: WorkflowDeps, ctx: ActorContext, request: MappingChoicesRequest): Promise<MappingChoices> {
  const pair = await authoriseMappingPair(deps, ctx, 'mapping.open', request.selection);
  const selection: CompareSelection = {
    sourceTenantId: pair.source.id,
    targetTenantId: pair.target.id,
    types: [...new Set(request.selection.types)].sort(),
    includeAssignments: request.selection.includeAssignments,
  };
  // A snapshot not there yet (right after start-up) is waited for as compare waits; the preflight then reads it.
  await Promise.all([currentSnapshot(deps, pair.source), currentSnapshot(deps, pair.target)]);
  const [derived, stored] = await Promise.all([
    derivePreflight(deps, pair.source, pair.target, selection),
    deps.mappings.list(ctx.workspace.id, pair.source.id, pair.target.id),
  ]);
  const sourceObject = findReferenceObject(derived.sourceSnapshot.referenceObjects, request.kind, { id: request.sourceId }, { tenantName: pair.source.displayName });
  const isThis = (r: { kind: ReferenceKind; sourceId: string }) => r.kind === sourceObject.kind && r.sourceId === sourceObject.id;
  const items = derived.preflight.items;
  const gap = items.flatMap((i) => i.gaps ?? []).find(isThis);
  const subjectNames = items.filter((i) => (i.gaps ?? []).some(isThis) || (i.mappingsUsed ?? []).some(isThis)).map((i) => i.displayName);
  const current = stored.find(isThis);
  return {
    ...pair,
    selection,
    sourceObject,
    ...(gap ? { gap } : {}),
    subjectNames,
    candidates: rankCandidates(derived.targetSnapshot.referenceObjects, sourceObject.kind, sourceObject.displayName),
    ...(current ? { current } : {}),
  };
}
