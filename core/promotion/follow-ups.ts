import type { GraphRequestSpec } from '../subjects/subject-type';
import { inStep } from './explain-failure';
import { judgeTarget, sendOnce, sentMembers, UNKNOWN, unknownReason, type ItemContext, type ItemWrite } from './item-writes';
import { contentMatches } from './written-content';
import { toCreated } from './write-subject';

// What a write sends after its first request (an app protection policy's apps, an enrollment configuration's priority,
// a template's messages, a compliance policy's scheduled actions): sent once each when this attempt knows they were
// never sent, and completed on resume only when sending them again cannot double anything.

/**
 * Sends the follow-up requests to object `id`, in order, each once; a lost answer is settled by watching the target's
 * content (never by sending again). Resolves `true`, or the operator's words when one never showed.
 */
export async function sendFollowUps(ctx: ItemContext, write: ItemWrite, id: string, followUps: readonly GraphRequestSpec[], after: 'create' | 'update'): Promise<true | string> {
  const contentLanded = async () => {
    const current = await ctx.reader.read(ctx.target, write.type, id);
    return current && (await judgeTarget(ctx, write, current, false)).contentInSync ? (true as const) : undefined;
  };
  for (const request of followUps) {
    const sent = await inStep(after, () => sendOnce(ctx, write, () => ctx.graph.request(ctx.target, toCreated(request, id)).then(() => true as const), contentLanded), id);
    if (sent === UNKNOWN) return unknownReason(ctx, write, `what the run writes after the ${after}`);
  }
  return true;
}

/**
 * Completes follow-ups an earlier attempt may or may not have sent, when every one of them replays safely (it sets or
 * replaces, so a copy that landed changes nothing). A follow-up that adds (a template's messages) is never sent
 * again: the operator's words for that come back instead of `true`.
 */
export async function completeFollowUps(ctx: ItemContext, write: ItemWrite, id: string, followUps: readonly GraphRequestSpec[], after: 'create' | 'update'): Promise<true | string> {
  if (followUps.every((request) => request.replaysSafely)) return sendFollowUps(ctx, write, id, followUps, after);
  const seconds = Math.round(ctx.visibility.waitMs / 1000);
  return (
    `An earlier attempt of this run ${after === 'create' ? 'created' : 'updated'} it, but ${ctx.target.displayName} did not show all of what the run writes after the ${after} within ${seconds} s, and it was not sent again. ` +
    `Check "${write.item.displayName}" (${write.type.label}) in the Intune admin center of ${ctx.target.displayName}, then compare again.`
  );
}

/**
 * The object a create's POST made when its answer never came back, so nothing after the POST was sent: a single
 * namesake showing every member the POST sent (its follow-ups' content cannot show yet). Undefined while none does.
 */
export async function findPosted(ctx: ItemContext, write: ItemWrite, post: GraphRequestSpec): Promise<string | undefined> {
  const sent = sentMembers(write, post);
  const namesakes = await ctx.reader.findByIdentity(ctx.target, write.type, write.item.displayName);
  const holding = namesakes.filter((namesake) => contentMatches(sent, namesake.payload));
  return holding.length === 1 ? holding[0]!.graphId : undefined;
}
