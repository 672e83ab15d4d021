import { z } from 'zod';
import type { Tenant } from '../access/model';
import { GraphUnavailable } from '../errors';
import type { GraphRequestSpec, SubjectType } from '../subjects/subject-type';
import type { PromotionGraph } from './promotion-graph';

const Created = z.object({ id: z.string().min(1) }).passthrough();

/** Sends the requests to the target tenant one after another; stops at the first failure (it rejects). */
async function sendInOrder(graph: PromotionGraph, target: Tenant, requests: readonly GraphRequestSpec[]): Promise<void> {
  for (const request of requests) await graph.request(target, request);
}

/**
 * Sends a type's create requests in order to the target; resolves with the new object's id from the first answer.
 * The caller journals the intent first and settles a lost answer by looking, never by sending the create again.
 */
export async function createAndReturnId(graph: PromotionGraph, target: Tenant, type: SubjectType, requests: readonly GraphRequestSpec[]): Promise<string> {
  const [create, ...rest] = requests;
  if (!create) throw new Error(`${type.label} has no create request.`);
  const answer = await graph.request(target, create);
  const created = Created.safeParse(answer.body);
  if (!created.success) throw new GraphUnavailable(`Microsoft Graph created the ${type.label} but did not return its id (tenant ${target.displayName}).`);
  await sendInOrder(graph, target, rest);
  return created.data.id;
}
