// What a promotion left in a sandbox target: each promoted subject must exist exactly once by its identity.
import type { SandboxStore } from '../../../core/graph-sandbox/sandbox-store';
import { collectionKeyOf } from '../../../core/graph-sandbox/sandbox-tenant';
import { SUBJECT_TYPES } from '../../../core/subjects/registry';
import type { SubjectTypeKey } from '../../../core/subjects/subject-type';

/** Subjects present more than once (each extra copy counts) and subjects absent from the target. */
export function duplicatesAndLost(
  store: SandboxStore,
  tenantId: string,
  subjects: readonly { type: SubjectTypeKey; displayName: string }[],
): { duplicates: number; lost: number } {
  let duplicates = 0;
  let lost = 0;
  for (const { type, displayName } of subjects) {
    const { collectionPath, identityField } = SUBJECT_TYPES[type];
    const copies = store.list(tenantId, collectionKeyOf(collectionPath)).filter((o) => o[identityField] === displayName).length;
    duplicates += Math.max(0, copies - 1);
    if (copies === 0) lost += 1;
  }
  return { duplicates, lost };
}

/** Successful writes to the tenant, all collections together. */
export function totalWrites(store: SandboxStore, tenantId: string): number {
  return Object.values(store.counters(tenantId).writes).reduce((a, b) => a + b, 0);
}

/** A small seeded random generator (mulberry32), so a failing scenario can be replayed with its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
