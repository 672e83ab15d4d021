import { z } from 'zod';
import type { Tenant } from '../access/model';
import { GraphUnavailable, GraphWriteOutcomeUnknown } from '../errors';
import { CREATED_OBJECT_ID, type GraphRequestSpec, type SubjectType } from '../subjects/subject-type';
import { StepFailed } from './explain-failure';
import type { PromotionGraph } from './promotion-graph';
import { SourceWriteRefused } from './target-only-writes';

const Created = z.object({ id: z.string().min(1) }).passthrough();

/** A follow-up create request addressed to the object just created. */
export const toCreated = (request: GraphRequestSpec, id: string): GraphRequestSpec => ({ ...request, path: request.path.replaceAll(CREATED_OBJECT_ID, encodeURIComponent(id)) });

/**
 * Sends a type's create requests in order to the target; resolves with the new object's id from the first answer.
 * Requests after the first (an app protection policy's apps, a template's messages) go to the new object: `onCreated`
 * records its id before they are sent, and a failure of one of them names that id, so the object a run made is always
 * known to it. The caller journals the intent first and settles a lost answer by looking, never by sending again.
 */
export async function createAndReturnId(
  graph: PromotionGraph,
  target: Tenant,
  type: SubjectType,
  requests: readonly GraphRequestSpec[],
  onCreated: (id: string) => Promise<void> = async () => {},
): Promise<string> {
  const [create, ...rest] = requests;
  if (!create) throw new Error(`${type.label} has no create request.`);
  const answer = await graph.request(target, create);
  const created = Created.safeParse(answer.body);
  if (!created.success) throw new GraphUnavailable(`Microsoft Graph created the ${type.label} but did not return its id (tenant ${target.displayName}).`);
  const id = created.data.id;
  if (rest.length === 0) return id;
  await onCreated(id);
  try {
    for (const request of rest) await graph.request(target, toCreated(request, id));
  } catch (error) {
    // A lost answer is settled by the caller's watch of the target; anything else fails the item on the new object.
    if (error instanceof GraphWriteOutcomeUnknown || error instanceof SourceWriteRefused) throw error;
    throw new StepFailed('create', error, id);
  }
  return id;
}
