import type { CompareEntry, ComparePreview, CompareState, SubjectKey } from '../compare/model';
import { compareCodeUnits, fingerprintOf } from '../compare/fingerprint';
import { sortBySubjectKey } from '../compare/subject-identity';
import { InvalidInput } from '../errors';
import type { InventorySnapshot, InventorySubject } from '../inventory/model';
import { resolveCreatedFirst, type ClassifiedItem } from './created-first';
import { firstBlock, type BlockingContext, type PromotabilityCheck } from './blocking-rules';
import { evidenceFreshness } from './evidence';
import type { AppliedMapping, PreflightItem, PreflightOutcome, PromotionPreflight } from './model';
import { referencesToResolve } from './reference-origins';
import { resolveReferences } from './resolve-references';
import { subjectStateHash } from './subject-hash';

/** Input of {@link classifyPreflight}: the preview and the very snapshots it was built from. */
export interface PreflightInput {
  preview: ComparePreview;
  source: InventorySnapshot;
  target: InventorySnapshot;
  now: Date;
  /** Oldest acceptable age of a snapshot's `observedAt`, in milliseconds. */
  freshnessMs: number;
  isPromotable: PromotabilityCheck;
  mappings?: AppliedMapping[];
}

const OUTCOME_ORDER: Record<PreflightOutcome, number> = { ready: 0, manual_mapping_required: 1, blocked: 2 };

/** Why rows that are never promoted are left out, per compare state; absent states are promotion candidates. */
const EXCLUSION_WHY: Partial<Record<CompareState, string>> = {
  only_in_target: 'Exists only in the target tenant; promotion never changes or deletes it.',
  in_sync: 'Already in sync.',
};
const TARGET_ONLY_DUPLICATES_WHY =
  'Several subjects with this name exist only in the target tenant; nothing to promote.';

/**
 * Read-only promotion preflight: every subject missing in or different from the target becomes ready,
 * blocked (first rule in precedence) or manual-mapping-required; ambiguous names are blocked, never
 * "first match"; in-sync and only-in-target subjects are never promoted.
 */
export function classifyPreflight(input: PreflightInput): PromotionPreflight {
  const { preview, source, target } = input;
  if (source.tenantId !== preview.selection.sourceTenantId || target.tenantId !== preview.selection.targetTenantId) {
    throw new InvalidInput('The snapshots do not belong to the tenants of the compare preview.');
  }
  const evidence = {
    source: { snapshot: source, freshness: evidenceFreshness(source, input.now, input.freshnessMs) },
    target: { snapshot: target, freshness: evidenceFreshness(target, input.now, input.freshnessMs) },
  };
  const lookup = { source: indexSubjects(source), target: indexSubjects(target) };

  const unsorted: ClassifiedItem[] = [];
  const unsortedExcluded: PromotionPreflight['excluded'] = [];
  for (const entry of preview.entries) {
    const key: SubjectKey = { type: entry.type, displayName: entry.displayName };
    const why = EXCLUSION_WHY[entry.state] ?? (entry.sourceIds.length === 0 ? TARGET_ONLY_DUPLICATES_WHY : undefined);
    if (why) {
      if (entry.state !== 'in_sync') unsortedExcluded.push({ key, why });
      continue;
    }
    const sources = entry.sourceIds.map((id) => find(lookup.source, entry, id));
    const targets = entry.targetIds.map((id) => find(lookup.target, entry, id));
    unsorted.push(
      classifyItem(
        entry,
        { displayName: entry.displayName, sources, targets, evidence, isPromotable: input.isPromotable },
        input,
      ),
    );
  }
  const items = sortBySubjectKey(resolveCreatedFirst(unsorted), (i) => i, (a, b) => OUTCOME_ORDER[a.outcome] - OUTCOME_ORDER[b.outcome]);
  const excluded = sortBySubjectKey(unsortedExcluded, (e) => e.key);

  const count = (outcome: PreflightOutcome) => items.filter((i) => i.outcome === outcome).length;
  return {
    compare: preview,
    items,
    counts: {
      ready: count('ready'),
      blocked: count('blocked'),
      manualMapping: count('manual_mapping_required'),
      inSync: preview.counts.in_sync,
      onlyInTarget: preview.counts.only_in_target,
    },
    excluded,
    fingerprint: preflightFingerprint(preview, items, {
      source: evidence.source.freshness,
      target: evidence.target.freshness,
    }),
  };
}

function classifyItem(entry: CompareEntry, ctx: BlockingContext, input: PreflightInput): ClassifiedItem {
  const includeAssignments = input.preview.selection.includeAssignments;
  const s = ctx.sources[0]!;
  const t = ctx.targets.length === 1 ? ctx.targets[0] : undefined;
  const base = {
    type: entry.type,
    displayName: entry.displayName,
    action: ctx.targets.length === 0 ? ('create' as const) : ('update' as const),
    sourceId: s.graphId,
    ...(t ? { targetId: t.graphId, targetHash: subjectStateHash(t, includeAssignments) } : {}),
    sourceHash: subjectStateHash(s, includeAssignments),
  };
  const block = firstBlock(ctx);
  if (block) return { item: { ...base, outcome: 'blocked', blockedReason: block.reason, blockedDetail: block.detail } };

  const refs = referencesToResolve(s, includeAssignments);
  const { referenceMap, mappingsUsed, gaps } = resolveReferences(refs, input.source, input.target, input.mappings);
  if (gaps.length > 0) return { item: { ...base, outcome: 'manual_mapping_required', gaps }, resolved: { referenceMap, mappingsUsed } };
  return { item: { ...base, outcome: 'ready', referenceMap, mappingsUsed } };
}

function indexSubjects(snapshot: InventorySnapshot): Map<string, InventorySubject> {
  return new Map(snapshot.subjects.map((s) => [`${s.type}\u0000${s.graphId}`, s]));
}

function find(index: Map<string, InventorySubject>, entry: CompareEntry, graphId: string): InventorySubject {
  const subject = index.get(`${entry.type}\u0000${graphId}`);
  if (!subject)
    throw new InvalidInput(`The compare preview names ${entry.type} ${graphId}, which its snapshots do not hold.`);
  return subject;
}

/** sha256 over the compare fingerprint, each item's decision, the mappings used and both sides' evidence freshness. */
function preflightFingerprint(
  preview: ComparePreview,
  items: PreflightItem[],
  evidence: Record<'source' | 'target', string>,
): string {
  const mappings = new Map<string, AppliedMapping>();
  for (const m of items.flatMap((i) => i.mappingsUsed ?? []))
    mappings.set(`${m.kind}\u0000${m.sourceId}\u0000${m.targetId}`, m);
  return fingerprintOf({
    compare: preview.fingerprint,
    evidence,
    items: items.map((i) => ({
      type: i.type,
      name: i.displayName,
      outcome: i.outcome,
      action: i.action,
      sourceId: i.sourceId,
      targetId: i.targetId,
      sourceHash: i.sourceHash,
      targetHash: i.targetHash,
      blockedReason: i.blockedReason,
      gaps: i.gaps,
      referenceMap: i.referenceMap,
      dependsOn: i.dependsOn,
    })),
    mappingsUsed: [...mappings.entries()].sort(([a], [b]) => compareCodeUnits(a, b)).map(([, m]) => m),
  });
}
