import type { Tenant } from '../access/model';
import { buildComparePreview } from '../compare/build-compare-preview';
import type { CompareSelection } from '../compare/model';
import type { InventorySnapshot } from '../inventory/model';
import { classifyPreflight } from '../preflight/classify-preflight';
import { registryPromotability } from '../preflight/promotability';
import type { AppliedMapping, PromotionPreflight } from '../preflight/model';
import { SUBJECT_TYPE_KEYS } from '../subjects/subject-type';
import { appliedMappings, storedSnapshot } from './compare-tenants';
import type { WorkflowDeps } from './deps';

/** A preflight with the snapshots it was derived from. */
export interface DerivedPreflight {
  preflight: PromotionPreflight;
  sourceSnapshot: InventorySnapshot;
  targetSnapshot: InventorySnapshot;
  mappings: AppliedMapping[];
}

/** Derives the preflight from the stored snapshots and the pair's managed mappings; pure apart from the reads. */
export async function derivePreflight(deps: WorkflowDeps, source: Tenant, target: Tenant, selection: CompareSelection): Promise<DerivedPreflight> {
  const [sourceSnapshot, targetSnapshot, mappings] = await Promise.all([
    storedSnapshot(deps, source),
    storedSnapshot(deps, target),
    appliedMappings(deps, source, target),
  ]);
  const typesInScope = selection.types.length > 0 ? selection.types : [...SUBJECT_TYPE_KEYS];
  const preview = buildComparePreview({ selection, source: sourceSnapshot, target: targetSnapshot, typesInScope, mappings });
  const preflight = classifyPreflight({
    preview,
    source: sourceSnapshot,
    target: targetSnapshot,
    now: deps.now(),
    freshnessMs: deps.freshnessMs,
    isPromotable: registryPromotability,
    mappings,
  });
  return { preflight, sourceSnapshot, targetSnapshot, mappings };
}
