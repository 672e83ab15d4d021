import { createHash } from 'node:crypto';
import type { CompareEntry, ComparePreview } from '../compare/model';
import type { InventorySnapshot, InventorySubject } from '../inventory/model';
import { SUBJECT_TYPES } from '../subjects/registry';
import type { DriftChange, DriftChangeKind } from './drift-poster';
import type { WatchedDifference, WatchResult } from './model';

const keyOf = (d: { type: string; displayName: string }) => `${d.type}\u0000${d.displayName.trim().toLowerCase()}`;

function sideHash(ids: readonly string[], byId: Map<string, InventorySubject>, includeAssignments: boolean): string {
  return ids
    .map((id) => byId.get(id))
    .map((s) => (s ? `${s.contentHash}${includeAssignments ? `/${s.assignmentsHash}` : ''}` : '-'))
    .sort()
    .join(',');
}

/** The differences of a compare preview, each with a hash of both sides' content so a re-changed subject shows. */
export function watchResult(preview: ComparePreview, source: InventorySnapshot, target: InventorySnapshot): WatchResult {
  const sourceById = new Map(source.subjects.map((s) => [s.graphId, s]));
  const targetById = new Map(target.subjects.map((s) => [s.graphId, s]));
  const { includeAssignments } = preview.selection;
  const differences = preview.entries
    .filter((e): e is CompareEntry & { state: WatchedDifference['state'] } => e.state !== 'in_sync')
    .map((e) => ({
      type: e.type,
      displayName: e.displayName,
      state: e.state,
      hash: createHash('sha256')
        .update(`${sideHash(e.sourceIds, sourceById, includeAssignments)}|${sideHash(e.targetIds, targetById, includeAssignments)}`)
        .digest('hex')
        .slice(0, 16),
    }));
  return { differences, counts: preview.counts, fingerprint: preview.fingerprint };
}

const KIND_ORDER: Record<DriftChangeKind, number> = { new: 0, changed: 1, resolved: 2 };

/**
 * What changed between the announced result and the current one: new differences first, then differences that
 * changed again, then differences gone; by subject type label and name within each. Pure.
 */
export function driftChanges(previous: WatchResult | undefined, current: WatchResult): DriftChange[] {
  const before = new Map((previous?.differences ?? []).map((d) => [keyOf(d), d]));
  const now = new Map(current.differences.map((d) => [keyOf(d), d]));
  const changes: DriftChange[] = [];
  for (const [key, d] of now) {
    const old = before.get(key);
    if (!old) changes.push({ kind: 'new', type: d.type, displayName: d.displayName, state: d.state });
    else if (old.state !== d.state || old.hash !== d.hash) {
      changes.push({ kind: 'changed', type: d.type, displayName: d.displayName, state: d.state, ...(old.state !== d.state ? { previousState: old.state } : {}) });
    }
  }
  for (const [key, d] of before) if (!now.has(key)) changes.push({ kind: 'resolved', type: d.type, displayName: d.displayName, state: d.state });
  return changes.sort(
    (a, b) =>
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      SUBJECT_TYPES[a.type].label.localeCompare(SUBJECT_TYPES[b.type].label) ||
      a.displayName.localeCompare(b.displayName),
  );
}
