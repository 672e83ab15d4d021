import type { Tenant } from '../access/model';
import { normaliseName } from '../compare/subject-identity';
import { GraphUnavailable } from '../errors';
import { GraphRequestFailed } from '../errors';
import type { InventorySubject } from '../inventory/model';
import { normaliseSubject } from '../inventory/normalise';
import { withPortableHashes } from '../inventory/portable-hash';
import { completeDetail, detailFromBody, readReferenceObjects, SUBJECT_SHAPES } from '../inventory/graph-shapes';
import { REFERENCE_KINDS, type ReferenceKind, type ReferenceObject } from '../subjects/references';
import type { GraphJson, SubjectType } from '../subjects/subject-type';
import type { PromotionGraph } from './promotion-graph';

/** Query options of a list request that mean the same on a single-object GET (paging and filters do not). */
const OBJECT_QUERY_OPTIONS: ReadonlySet<string> = new Set(['$expand', '$select']);

/** The part of a type's list query that also applies when reading one object, e.g. `$expand=assignments`. */
export function objectQuery(listQuery: string): string {
  return listQuery
    .split('&')
    .filter((option) => OBJECT_QUERY_OPTIONS.has(option.split('=')[0]!.trim()))
    .join('&');
}

/**
 * Reads subjects as they are now, normalised and hashed exactly as the inventory does (the list's expansions, every
 * detail read merged in, portable hashes over the tenant's reference objects), so the hashes compare with the
 * preflight's. Reference objects are read once per tenant and kind for the reader's lifetime (one run attempt).
 */
export class LiveSubjectReader {
  private readonly referenceObjects = new Map<string, Promise<ReferenceObject[]>>();

  constructor(private readonly graph: PromotionGraph) {}

  /** One subject by id; undefined when the object does not exist (Graph answers 404). */
  async read(tenant: Tenant, type: SubjectType, id: string): Promise<InventorySubject | undefined> {
    const query = objectQuery(type.listQuery);
    const path = `${type.collectionPath}/${encodeURIComponent(id)}${query ? `?${query}` : ''}`;
    const body = await this.getUnlessGone(tenant, path);
    if (body === undefined) return undefined;
    try {
      return await this.complete(tenant, type, body);
    } catch (error) {
      // A detail read found nothing: the object may have been deleted between its reads (a delete still on its way
      // lands exactly then). Gone when the object itself now answers 404; anything else is a real failure.
      if (!isNotFound(error) || (await this.getUnlessGone(tenant, path)) !== undefined) throw error;
      return undefined;
    }
  }

  private async getUnlessGone(tenant: Tenant, path: string): Promise<unknown> {
    try {
      return (await this.graph.request(tenant, { method: 'GET', path })).body ?? null;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /**
   * Every subject of the type whose identity (name trimmed, case and inner spacing ignored) equals `displayName`,
   * read completely. Used before a create, to find one an interrupted attempt already made.
   */
  async findByIdentity(tenant: Tenant, type: SubjectType, displayName: string): Promise<InventorySubject[]> {
    const listPath = type.listQuery ? `${type.collectionPath}?${type.listQuery}` : type.collectionPath;
    const wanted = normaliseName(displayName);
    const matches = (await this.graph.listAll(tenant, listPath)).filter((item) => {
      if (type.governs && !type.governs(item)) return false;
      const name = type.identityOf ? type.identityOf(item) : item[type.identityField];
      return typeof name === 'string' && normaliseName(name) === wanted;
    });
    return Promise.all(matches.map((item) => this.complete(tenant, type, item)));
  }

  /** The tenant's reference objects of the kinds `type` can point at (read once per tenant and kind). */
  async references(tenant: Tenant, type: SubjectType): Promise<ReferenceObject[]> {
    const kinds = type.referenceKinds ?? REFERENCE_KINDS;
    return (await Promise.all(kinds.map((kind) => this.referencesOf(tenant, kind)))).flat();
  }

  /** Forgets the tenant's objects of `kind` read so far: the run created one, so the next read must see it. */
  forgetReferences(tenant: Tenant, kind: ReferenceKind): void {
    this.referenceObjects.delete(`${tenant.id}\u0000${kind}`);
  }

  private async complete(tenant: Tenant, type: SubjectType, body: unknown): Promise<InventorySubject> {
    const parsed = SUBJECT_SHAPES[type.identityField].safeParse(body);
    if (!parsed.success) {
      throw new GraphUnavailable(`Microsoft Graph returned a ${type.label} without a usable id or ${type.identityField} in tenant ${tenant.displayName}.`);
    }
    const raw = await this.withDetails(tenant, type, parsed.data);
    return withPortableHashes(type, normaliseSubject(type, raw), await this.references(tenant, type));
  }

  /** The object with each detail read merged in under its property, as the inventory merges them. */
  private async withDetails(tenant: Tenant, type: SubjectType, object: GraphJson): Promise<GraphJson> {
    const merged: GraphJson = { ...object };
    for (const read of type.detailReads) {
      const path = read.path(String(object.id));
      const body = (await this.graph.request(tenant, { method: 'GET', path })).body;
      const value = await this.detailValue(tenant, read.property, path, body);
      if (value !== undefined) merged[read.property] = value;
    }
    return merged;
  }

  /** An object answer gives its same-named member, a collection answer its items (every page when it continues). */
  private async detailValue(tenant: Tenant, property: string, path: string, body: unknown): Promise<unknown> {
    if (typeof body !== 'object' || body === null) return undefined;
    const detail = detailFromBody(property, body as GraphJson);
    return completeDetail(this.graph, tenant, detail);
  }

  private referencesOf(tenant: Tenant, kind: ReferenceKind): Promise<ReferenceObject[]> {
    const key = `${tenant.id}\u0000${kind}`;
    let objects = this.referenceObjects.get(key);
    if (!objects) {
      objects = readReferenceObjects(this.graph, tenant, kind);
      // A failed read is not cached, so the next subject tries again.
      objects.catch(() => this.referenceObjects.delete(key));
      this.referenceObjects.set(key, objects);
    }
    return objects;
  }
}

const isNotFound = (error: unknown) => error instanceof GraphRequestFailed && error.status === 404;
