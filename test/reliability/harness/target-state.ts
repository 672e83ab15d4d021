// What a promotion left in a sandbox target: each promoted subject must exist exactly once by its identity.
import type { SandboxStore } from '../../../core/graph-sandbox/sandbox-store';
import { collectionKeyOf } from '../../../core/graph-sandbox/sandbox-tenant';
import { SUBJECT_TYPES } from '../../../core/subjects/registry';
import type { GraphJson, SubjectTypeKey } from '../../../core/subjects/subject-type';

/** Subjects present more than once (each extra copy counts) and subjects absent from the target. */
export function duplicatesAndLost(
  store: SandboxStore,
  tenantId: string,
  subjects: readonly { type: SubjectTypeKey; displayName: string }[],
): { duplicates: number; lost: number } {
  return countCopies(subjects, (type) => store.list(tenantId, collectionKeyOf(SUBJECT_TYPES[type].collectionPath)));
}

/** The same count over HTTP, for a sandbox running in another process: lists each collection through Graph paging. */
export async function remoteDuplicatesAndLost(
  sandboxUrl: string,
  tenantId: string,
  subjects: readonly { type: SubjectTypeKey; displayName: string }[],
): Promise<{ duplicates: number; lost: number }> {
  const lists = new Map<SubjectTypeKey, GraphJson[]>();
  for (const type of new Set(subjects.map((s) => s.type))) {
    const objects: GraphJson[] = [];
    for (let url: string | undefined = `${sandboxUrl}${SUBJECT_TYPES[type].collectionPath}`; url; ) {
      const res = await fetch(url, { headers: { authorization: `Bearer sandbox-token-${tenantId}-1` } });
      if (!res.ok) throw new Error(`listing ${SUBJECT_TYPES[type].collectionPath} of ${tenantId}: HTTP ${res.status}`);
      const page = (await res.json()) as { value: GraphJson[]; '@odata.nextLink'?: string };
      objects.push(...page.value);
      url = page['@odata.nextLink'];
    }
    lists.set(type, objects);
  }
  return countCopies(subjects, (type) => lists.get(type) ?? []);
}

function countCopies(subjects: readonly { type: SubjectTypeKey; displayName: string }[], list: (type: SubjectTypeKey) => readonly GraphJson[]) {
  let duplicates = 0;
  let lost = 0;
  for (const { type, displayName } of subjects) {
    const copies = list(type).filter((o) => o[SUBJECT_TYPES[type].identityField] === displayName).length;
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
