import type { Tenant } from '../access/model';
import { GraphPermissionMissing, GraphUnavailable } from '../errors';
import { REFERENCE_KINDS, type ReferenceObject } from '../subjects/references';
import type { GraphJson, GraphRequestSpec, SubjectType } from '../subjects/subject-type';
import type { BatchAnswer, InventoryGraph } from './inventory-graph';
import type { InventorySubject } from './model';
import { normaliseSubject } from './normalise';
import { withPortableHashes } from './portable-hash';
import { completeDetail, detailFromBody, readReferenceObjects, SUBJECT_SHAPES } from './graph-shapes';

/** A tenant's governed subjects of the given types and the reference objects those types can point at. */
export interface TenantInventory {
  subjects: InventorySubject[];
  referenceObjects: ReferenceObject[];
}

/**
 * Reads one tenant: each type's collection (with its list query), the types' detail reads in `$batch` requests
 * rather than one call per object, and the reference objects the types can name. Output order is deterministic
 * (types as given, then name, then id). Rejects with a DomainError when Graph cannot be read or answers nonsense.
 */
export async function readTenantInventory(graph: InventoryGraph, tenant: Tenant, types: SubjectType[]): Promise<TenantInventory> {
  const kinds = REFERENCE_KINDS.filter((kind) => types.some((type) => (type.referenceKinds ?? REFERENCE_KINDS).includes(kind)));
  const [subjectsPerType, objectsPerKind] = await Promise.all([
    Promise.all(types.map((type) => readSubjects(graph, tenant, type))),
    Promise.all(kinds.map((kind) => readReferenceObjects(graph, tenant, kind))),
  ]);
  const referenceObjects = objectsPerKind.flat();
  const typeOf = new Map(types.map((t) => [t.key, t]));
  const subjects = subjectsPerType.flat().map((s) => withPortableHashes(typeOf.get(s.type)!, s, referenceObjects));
  return { subjects, referenceObjects };
}

async function readSubjects(graph: InventoryGraph, tenant: Tenant, type: SubjectType): Promise<InventorySubject[]> {
  const listPath = type.listQuery ? `${type.collectionPath}?${type.listQuery}` : type.collectionPath;
  const all = await graph.listAll(tenant, listPath);
  const listed = (type.governs ? all.filter((item) => type.governs!(item)) : all).map((item) => {
    const parsed = SUBJECT_SHAPES[type.identityField].safeParse(item);
    if (!parsed.success) {
      throw new GraphUnavailable(`Microsoft Graph listed a ${type.label} without a usable id or ${type.identityField} (${type.collectionPath}).`);
    }
    return parsed.data as GraphJson & { id: string };
  });
  const complete = await withDetails(graph, tenant, type, listed);
  const readable = await readableSecrets(graph, tenant, type, complete);
  return complete
    .map((raw) => normaliseSubject(type, raw, readable.get(String(raw.id))))
    .sort((a, b) => order(a.displayName.toLowerCase(), b.displayName.toLowerCase()) || order(a.graphId, b.graphId));
}

/** The listed objects with every detail read merged in under its property. */
async function withDetails(graph: InventoryGraph, tenant: Tenant, type: SubjectType, listed: (GraphJson & { id: string })[]) {
  const reads = type.detailReads;
  if (reads.length === 0 || listed.length === 0) return listed;
  const requests: GraphRequestSpec[] = listed.flatMap((object) => reads.map((read) => ({ method: 'GET' as const, path: read.path(object.id) })));
  const answers = await graph.batch(tenant, requests);
  return Promise.all(
    listed.map(async (object, i) => {
      const merged: GraphJson = { ...object };
      for (const [j, read] of reads.entries()) {
        const request = requests[i * reads.length + j]!;
        const value = await detailValue(graph, tenant, read.property, request.path, answers[i * reads.length + j]);
        if (value !== undefined) merged[read.property] = value;
      }
      return merged;
    }),
  );
}

/**
 * Which secret values of each object Graph returns in clear through the type's documented reads, tried in one `$batch`
 * per 20; the values are dropped at once. A refused or failing item (no permission, no such secret) leaves that value
 * unreadable, so its subject stays blocked; a batch that cannot be sent fails the read like any other.
 */
async function readableSecrets(graph: InventoryGraph, tenant: Tenant, type: SubjectType, objects: GraphJson[]): Promise<Map<string, string[]>> {
  const reads = objects.flatMap((object) => (type.secretReads?.(object) ?? []).map((read) => ({ id: String(object.id), ...read })));
  const readable = new Map<string, string[]>();
  if (reads.length === 0) return readable;
  const answers = await graph.batch(tenant, reads.map((read) => read.request));
  reads.forEach((read, i) => {
    const answer = answers[i];
    if (answer?.status !== 200 || typeof (answer.body as GraphJson | null)?.value !== 'string') return;
    readable.set(read.id, [...(readable.get(read.id) ?? []), read.path]);
  });
  return readable;
}

/**
 * The value a detail answer contributes: an object answer gives its same-named member, a collection answer its
 * items (all pages: a collection that continues is completed by following its nextLink).
 */
async function detailValue(graph: InventoryGraph, tenant: Tenant, property: string, path: string, answer: BatchAnswer | undefined) {
  if (answer === undefined) throw new GraphUnavailable(`Microsoft Graph left ${path} unanswered in a $batch for tenant ${tenant.displayName}.`);
  if (answer.error) throw answer.error;
  if (answer.status === 403) throw new GraphPermissionMissing(tenant.displayName, 'read access to this collection', path.split('?')[0]!);
  if (answer.status < 200 || answer.status > 299 || typeof answer.body !== 'object' || answer.body === null) {
    throw new GraphUnavailable(`Microsoft Graph answered ${answer.status} for ${path.split('?')[0]} in tenant ${tenant.displayName}.`, answer.status);
  }
  const detail = detailFromBody(property, answer.body as GraphJson);
  return completeDetail(graph, tenant, detail);
}

function order(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
