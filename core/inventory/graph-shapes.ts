import { z } from 'zod';
import type { Tenant } from '../access/model';
import type { ReferenceKind, ReferenceObject } from '../subjects/references';
import type { GraphJson, SubjectType } from '../subjects/subject-type';
import { REFERENCE_SOURCES } from './reference-sources';

/** What a subject must carry to be governed: an id and its identity field. */
export const SUBJECT_SHAPES = {
  displayName: z.object({ id: z.string().min(1), displayName: z.string() }).passthrough(),
  name: z.object({ id: z.string().min(1), name: z.string() }).passthrough(),
} satisfies Record<SubjectType['identityField'], z.ZodTypeAny>;

const REFERENCE_SHAPE = z.object({ id: z.string().min(1), displayName: z.string() });

/**
 * A tenant's reference objects of one kind. An object without a name cannot be matched across tenants;
 * leaving it out makes references to it "unknown".
 */
export async function readReferenceObjects(
  graph: { listAll(tenant: Tenant, pathWithQuery: string): Promise<GraphJson[]> },
  tenant: Tenant,
  kind: ReferenceKind,
): Promise<ReferenceObject[]> {
  const items = await graph.listAll(tenant, REFERENCE_SOURCES[kind]);
  return items
    .flatMap((item) => {
      const parsed = REFERENCE_SHAPE.safeParse(item);
      return parsed.success ? [{ kind, id: parsed.data.id, displayName: parsed.data.displayName }] : [];
    })
    .sort((a, b) => order(a.displayName.toLowerCase(), b.displayName.toLowerCase()) || order(a.id, b.id));
}

/** What a detail answer gives: the value, or the first page of a collection and the link to the rest. */
export type DetailAnswer = { continues: false; value: unknown } | { continues: true; firstPage: GraphJson[]; nextLink: string };

/**
 * What a detail answer contributes to its object: an object answer its same-named member, a collection answer its
 * items; a collection that continues gives its first page and the nextLink to follow for the rest.
 */
export function detailFromBody(property: string, body: GraphJson): DetailAnswer {
  const nextLink = body['@odata.nextLink'];
  if (typeof nextLink === 'string') return { continues: true, firstPage: Array.isArray(body.value) ? (body.value as GraphJson[]) : [], nextLink };
  if (property in body) return { continues: false, value: body[property] };
  return { continues: false, value: Array.isArray(body.value) ? body.value : undefined };
}

/** The detail's full value: the first page joined with every following page (listAll follows the nextLink). */
export async function completeDetail(
  graph: { listAll(tenant: Tenant, pathWithQuery: string): Promise<GraphJson[]> },
  tenant: Tenant,
  detail: DetailAnswer,
): Promise<unknown> {
  return detail.continues ? [...detail.firstPage, ...(await graph.listAll(tenant, detail.nextLink))] : detail.value;
}

function order(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
