import { z } from 'zod';
import type { Tenant } from '../access/model';
import { GraphUnavailable } from '../errors';
import type { GraphRequestSpec, SubjectType } from '../subjects/subject-type';
import type { PromotionGraph } from './promotion-graph';

const Created = z.object({ id: z.string().min(1) }).passthrough();

/**
 * Sends a type's create request to the target; resolves with the new object's id from its answer. The caller
 * journals the intent first, settles a lost answer by looking (never by sending the create again), and sends any
 * request about the new object only once its id is journalled.
 */
export async function createAndReturnId(graph: PromotionGraph, target: Tenant, type: SubjectType, create: GraphRequestSpec | undefined): Promise<string> {
  if (!create) throw new Error(`${type.label} has no create request.`);
  const answer = await graph.request(target, create);
  const created = Created.safeParse(answer.body);
  if (!created.success) throw new GraphUnavailable(`Microsoft Graph created the ${type.label} but did not return its id (tenant ${target.displayName}).`);
  return created.data.id;
}
