// Generated tenant pairs as inventory snapshots, built once per size and shared by the benchmarks, and the
// compare + preflight chain exactly as the bot derives it (core/workflows/derive-preflight.ts).
import { buildComparePreview } from '../../core/compare/build-compare-preview';
import type { ComparePreview, CompareSelection } from '../../core/compare/model';
import type { InventorySnapshot } from '../../core/inventory/model';
import { classifyPreflight } from '../../core/preflight/classify-preflight';
import type { AppliedMapping, PromotionPreflight } from '../../core/preflight/model';
import { SUBJECT_TYPES } from '../../core/subjects/registry';
import { SUBJECT_TYPE_KEYS, type SubjectTypeKey } from '../../core/subjects/subject-type';
import { snapshotOf } from './bench-snapshots';
import { generateTenantPair, type TenantPair } from './generate-tenant';

/** The clock of every in-process benchmark; snapshots are observed an hour before it. */
export const BENCH_NOW = new Date('2026-04-27T10:00:00.000Z');
const OBSERVED_AT = new Date(BENCH_NOW.getTime() - 3_600_000);
const ONE_DAY_MS = 24 * 3_600_000;

/** A generated pair with both sides' snapshots. */
export interface SnapshotPair {
  pair: TenantPair;
  source: InventorySnapshot;
  target: InventorySnapshot;
}

const cache = new Map<number, SnapshotPair>();

/** The pair of `subjects` subjects per side, normalised into snapshots (generated once per size). */
export function snapshotPair(subjects: number): SnapshotPair {
  let found = cache.get(subjects);
  if (!found) {
    const pair = generateTenantPair({ subjects });
    found = { pair, source: snapshotOf(pair.source, OBSERVED_AT), target: snapshotOf(pair.target, OBSERVED_AT) };
    cache.set(subjects, found);
  }
  return found;
}

const isPromotable = (type: SubjectTypeKey) => {
  const reason = SUBJECT_TYPES[type].notPromotableReason;
  return reason ? { promotable: false as const, reason } : { promotable: true as const };
};

/** The selection the bot makes for `compare <source> to <target>`: every type, assignments included. */
export function allTypesSelection(source: InventorySnapshot, target: InventorySnapshot): CompareSelection {
  return { sourceTenantId: source.tenantId, targetTenantId: target.tenantId, types: [], includeAssignments: true };
}

/** Compare preview (every type in scope) of two snapshots. */
export function comparePreview(source: InventorySnapshot, target: InventorySnapshot): ComparePreview {
  return buildComparePreview({ selection: allTypesSelection(source, target), source, target, typesInScope: [...SUBJECT_TYPE_KEYS] });
}

/** The promotion preflight over a preview, fresh evidence, the registry's promotability and the given mappings. */
export function preflightOf(
  preview: ComparePreview,
  source: InventorySnapshot,
  target: InventorySnapshot,
  mappings: AppliedMapping[] = [],
): PromotionPreflight {
  return classifyPreflight({ preview, source, target, now: BENCH_NOW, freshnessMs: ONE_DAY_MS, isPromotable, mappings });
}
