import type { InventorySubject } from '../inventory/model';
import { GraphRequestFailed } from '../errors';
import type { AssignmentsPerRequest, GraphJson, GraphRequestSpec, ReferenceTranslator, SubjectType } from '../subjects/subject-type';
import { inStep } from './explain-failure';
import { judgeTarget, recordIntent, sendOnce, sentMembers, UNKNOWN, unknownReason, type ItemContext, type ItemWrite, type Unknown } from './item-writes';
import { contentMatches } from './written-content';

export { UNKNOWN } from './item-writes';

/** The outcome of one item, ready to record; `source` is the live source subject when it was read (for verification). */
export type PromotedItem = (
  | { outcome: 'succeeded'; targetId: string; priorState?: Record<string, unknown>; reason?: string }
  | { outcome: 'skipped' | 'failed'; reason: string; targetId?: string; priorState?: Record<string, unknown>; outcomeUnknown?: true }
) & { source?: InventorySubject };

/** The before-image as the run detail has always shown it: the payload with its assignments. */
export const priorStateOf = (current: Pick<InventorySubject, 'payload' | 'assignments'>, includeAssignments: boolean) =>
  includeAssignments ? { ...current.payload, assignments: current.assignments } : { ...current.payload };

/**
 * Overwrites target object `current` with the source: records the intent with the full before-image (unless the
 * resumed intent already holds it), then sends the type's update requests in order and assigns unless the target
 * already holds the source's assignments. Each request is sent once; a lost answer is settled by watching the target,
 * never by sending it again.
 */
export async function writeUpdate(ctx: ItemContext, write: ItemWrite, current: InventorySubject, opts: { intentRecorded: boolean }): Promise<PromotedItem> {
  const { type, source, translate } = write;
  const targetId = current.graphId;
  const requests = type.updateRequests(targetId, write.payload ?? source.payload, translate, current.payload);
  // Assignments the target already holds (judged as the compare does) are not sent again: one write fewer against a
  // throttled tenant for every subject whose settings alone differ.
  const assignmentsHeld = ctx.includeAssignments && (await inStep('read_target', () => judgeTarget(ctx, write, current, true))).assignmentsInSync;
  const assign = ctx.includeAssignments && !assignmentsHeld ? intendedAssignment(type, targetId, source.assignments, translate) : [];
  const priorState = priorStateOf(current, ctx.includeAssignments);
  if (!opts.intentRecorded) {
    const before = { kind: 'present' as const, targetId, payload: current.payload, assignments: current.assignments };
    await recordIntent(ctx, write.index, { action: 'update', before }, [...requests, ...assign]);
  }
  for (const request of requests) {
    const sent = await inStep('update', () =>
      sendOnce(ctx, write, () => ctx.graph.request(ctx.target, request).then(() => true as const), () => updateLanded(ctx, write, targetId, request)),
    );
    if (sent === UNKNOWN) return { outcome: 'failed', outcomeUnknown: true, targetId, priorState, reason: unknownReason(ctx, write, 'the update') };
  }
  const assigned = assignmentsHeld ? true : await assignStep(ctx, write, targetId);
  if (assigned === UNKNOWN) return { outcome: 'failed', outcomeUnknown: true, targetId, priorState, reason: unknownReason(ctx, write, 'the assignment') };
  return { outcome: 'succeeded', targetId, priorState };
}

/**
 * The assign step as the intent journals it. A type assigned one request per assignment learns which requests only
 * from the target's assignments at the time, so its intent names the assignments collection it will write to.
 */
export function intendedAssignment(type: SubjectType, targetId: string, assignments: GraphJson[], translate: ReferenceTranslator): GraphRequestSpec[] {
  if (type.assignmentsPerRequest) return [{ method: 'POST', path: type.assignmentsPerRequest.path(targetId) }];
  const request = type.assignRequest(targetId, assignments, translate);
  return request ? [request] : [];
}

/** Replaces the target object's assignments with the source's, translated (when assignments are promoted). */
export async function assignStep(ctx: ItemContext, write: ItemWrite, targetId: string): Promise<true | Unknown> {
  if (!ctx.includeAssignments) return true;
  const perRequest = write.type.assignmentsPerRequest;
  if (perRequest) return assignEach(ctx, write, { perRequest, targetId, assignments: write.source.assignments, translate: write.translate });
  const request = write.type.assignRequest(targetId, write.source.assignments, write.translate);
  if (!request) return true;
  return inStep(
    'assign',
    () =>
      sendOnce(
        ctx,
        write,
        () => ctx.graph.request(ctx.target, request).then(() => true as const),
        async () => {
          const current = await ctx.reader.read(ctx.target, write.type, targetId);
          return current && (await judgeTarget(ctx, write, current, true)).assignmentsInSync ? (true as const) : undefined;
        },
      ),
    targetId,
  );
}

/**
 * Assignments written one per request: the target's current assignments are listed, then each add and each removal
 * is sent once, in order; a lost answer is settled by listing the assignments again until the request's effect shows
 * (the assignment there, or gone), never by sending it again. A removal Graph answers 404 found it gone already.
 */
export async function assignEach(
  ctx: ItemContext,
  progress: Pick<ItemWrite, 'index' | 'sent'>,
  wanted: { perRequest: AssignmentsPerRequest; targetId: string; assignments: GraphJson[]; translate: ReferenceTranslator },
): Promise<true | Unknown> {
  const { perRequest, targetId } = wanted;
  const path = perRequest.path(targetId);
  const current = await inStep('read_target', () => ctx.graph.listAll(ctx.target, path), targetId);
  for (const request of perRequest.requests(targetId, wanted.assignments, wanted.translate, current)) {
    const sent = await inStep(
      'assign',
      () => sendOnce(ctx, progress, () => sendAssignment(ctx, request), () => assignmentLanded(ctx, path, request)),
      targetId,
    );
    if (sent === UNKNOWN) return UNKNOWN;
  }
  return true;
}

async function sendAssignment(ctx: ItemContext, request: GraphRequestSpec): Promise<true> {
  try {
    await ctx.graph.request(ctx.target, request);
  } catch (error) {
    if (!(request.method === 'DELETE' && error instanceof GraphRequestFailed && error.status === 404)) throw error;
  }
  return true;
}

/** Whether one assignment request shows in the target: an added target listed, a removed assignment's id gone. */
async function assignmentLanded(ctx: ItemContext, path: string, request: GraphRequestSpec): Promise<true | undefined> {
  const current = await ctx.graph.listAll(ctx.target, path);
  if (request.method === 'DELETE') {
    const removedId = decodeURIComponent(request.path.slice(path.length + 1));
    return current.some((assignment) => String(assignment.id) === removedId) ? undefined : true;
  }
  const target = (request.body as GraphJson | undefined)?.target;
  return current.some((assignment) => contentMatches({ target }, assignment)) ? true : undefined;
}

/**
 * Whether the target shows one update request's effect: a PATCH / PUT by the members it sent (members Graph adds
 * itself ignored), an action (e.g. compliance scheduled actions) by the content the compare judges.
 */
export async function updateLanded(ctx: ItemContext, write: ItemWrite, targetId: string, request: GraphRequestSpec): Promise<true | undefined> {
  const current = await ctx.reader.read(ctx.target, write.type, targetId);
  if (!current) return undefined;
  if (request.method === 'PATCH' || request.method === 'PUT') return contentMatches(sentMembers(write, request), current.payload) ? true : undefined;
  return (await judgeTarget(ctx, write, current, false)).contentInSync ? true : undefined;
}
