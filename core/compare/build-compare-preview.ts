import type { InventorySnapshot, InventorySubject } from '../inventory/model';
import type { AppliedMapping } from '../mappings/model';
import type { SubjectTypeKey } from '../subjects/subject-type';
import { createHash } from 'node:crypto';
import { canonicalJson, compareCodeUnits } from './fingerprint';
import { judgeHashes } from './in-sync';
import {
  COMPARE_STATES,
  type CompareCounts,
  type CompareEntry,
  type ComparePreview,
  type CompareSelection,
  type CompareState,
} from './model';
import { identityKey, normaliseName, sortBySubjectKey } from './subject-identity';

/** Input of {@link buildComparePreview}; `typesInScope` is the selection's types resolved against the registry. */
export interface ComparePreviewInput {
  selection: CompareSelection;
  source: InventorySnapshot;
  target: InventorySnapshot;
  typesInScope: SubjectTypeKey[];
  /** The pair's managed mappings: a reference mapped A → B is judged as B (see judgeInSync). Treated as immutable. */
  mappings?: readonly AppliedMapping[];
}

/** Display order of states: what needs attention first, what is fine last. */
const STATE_ORDER: Record<CompareState, number> = {
  different: 0,
  missing_in_target: 1,
  ambiguous: 2,
  only_in_target: 3,
  in_sync: 4,
};

/**
 * Matches the subjects in scope of two snapshots by type + normalised display name and classifies
 * each identity. Pure and order-independent: the same snapshots give a deep-equal preview and fingerprint.
 */
export function buildComparePreview(input: ComparePreviewInput): ComparePreview {
  const { selection } = input;
  const inScope = new Set(input.typesInScope);
  const sourceGroups = groupByIdentity(input.source.subjects, inScope);
  const targetGroups = groupByIdentity(input.target.subjects, inScope);
  const identities = new Set([...sourceGroups.keys(), ...targetGroups.keys()]);

  const judge: Judge = { source: input.source, target: input.target, mappings: input.mappings ?? [], includeAssignments: selection.includeAssignments };
  const entries = sortBySubjectKey(
    [...identities].map((id) => classify(sourceGroups.get(id) ?? [], targetGroups.get(id) ?? [], judge)),
    (entry) => entry,
    (a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state],
  );

  return {
    selection,
    entries,
    counts: countStates(entries),
    fingerprint: compareFingerprint(selection, sourceGroups, targetGroups, judge.mappings),
    sourceObservedAt: input.source.observedAt,
    targetObservedAt: input.target.observedAt,
  };
}

interface Judge {
  source: InventorySnapshot;
  target: InventorySnapshot;
  mappings: readonly AppliedMapping[];
  includeAssignments: boolean;
}

function classify(source: InventorySubject[], target: InventorySubject[], judge: Judge): CompareEntry {
  const named = first(source) ?? first(target)!;
  const base = {
    type: named.type,
    displayName: named.displayName,
    sourceIds: source.map((s) => s.graphId).sort(compareCodeUnits),
    targetIds: target.map((s) => s.graphId).sort(compareCodeUnits),
  };
  if (source.length > 1 || target.length > 1) {
    const duplicatedIn = [
      ...(source.length > 1 ? ['source' as const] : []),
      ...(target.length > 1 ? ['target' as const] : []),
    ];
    return { ...base, state: 'ambiguous', duplicatedIn };
  }
  const [s] = source;
  const [t] = target;
  if (!t) return { ...base, state: 'missing_in_target' };
  if (!s) return { ...base, state: 'only_in_target' };

  const verdict = judgeHashes(
    { subject: s, referenceObjects: judge.source.referenceObjects },
    { subject: t, referenceObjects: judge.target.referenceObjects },
    judge.mappings,
    { includeAssignments: judge.includeAssignments },
  );
  const { identityConflict, contentEqual } = verdict;
  const mapped = verdict.mappingsUsed.length > 0 ? { mappingsUsed: verdict.mappingsUsed } : {};
  if (verdict.inSync) return { ...base, state: 'in_sync', ...mapped };

  return {
    ...base,
    state: 'different',
    ...mapped,
    ...(!identityConflict && contentEqual ? { assignmentsOnly: true } : {}),
    ...(identityConflict ? { identityConflict: true } : {}),
  };
}

/** The spelling shown for a group of same-identity subjects, independent of input order. */
function first(subjects: InventorySubject[]): InventorySubject | undefined {
  return [...subjects].sort(
    (a, b) => compareCodeUnits(a.displayName, b.displayName) || compareCodeUnits(a.graphId, b.graphId),
  )[0];
}

function groupByIdentity(subjects: readonly InventorySubject[], inScope: Set<SubjectTypeKey>) {
  const groups = new Map<string, InventorySubject[]>();
  for (const subject of subjects) {
    if (!inScope.has(subject.type)) continue;
    const key = identityKey(subject.type, subject.displayName);
    groups.set(key, [...(groups.get(key) ?? []), subject]);
  }
  return groups;
}

function countStates(entries: readonly CompareEntry[]): CompareCounts {
  const counts = Object.fromEntries(COMPARE_STATES.map((state) => [state, 0])) as CompareCounts;
  for (const entry of entries) counts[entry.state] += 1;
  return counts;
}

/**
 * sha256 over the selection, per side every in-scope subject's identity, id, hashes and kind (not observedAt), and the
 * pair's managed mappings (a changed mapping can change a verdict, so it changes the fingerprint). Streamed into the
 * hash, one line per subject with its fields NUL-separated (no field holds NUL), so a 5,000-subject compare does not
 * build and re-escape megabytes of JSON for one digest.
 */
function compareFingerprint(
  selection: CompareSelection,
  source: Map<string, InventorySubject[]>,
  target: Map<string, InventorySubject[]>,
  mappings: readonly AppliedMapping[],
): string {
  const hash = createHash('sha256');
  hash.update(`compare-fingerprint/2\n${canonicalJson({ ...selection, types: [...selection.types].sort(compareCodeUnits) })}\n`);
  const side = (label: string, groups: Map<string, InventorySubject[]>) => {
    const lines: string[] = [];
    for (const group of groups.values()) {
      for (const s of group) {
        const fields = [s.type, normaliseName(s.displayName), s.graphId, s.contentHash, ...(selection.includeAssignments ? [s.assignmentsHash] : []), s.kindKey];
        lines.push(fields.map((f) => f ?? '').join('\u0000'));
      }
    }
    lines.sort(compareCodeUnits);
    hash.update(`${label} ${lines.length}\n`);
    for (const line of lines) hash.update(`${line}\n`);
  };
  side('source', source);
  side('target', target);
  // Absent without mappings, so fingerprints of pairs that never mapped anything do not depend on them.
  if (mappings.length > 0) hash.update(`mappings\n${mappings.map((m) => `${m.kind}\u0000${m.sourceId}\u0000${m.targetId}`).sort(compareCodeUnits).join('\n')}\n`);
  return hash.digest('hex');
}
