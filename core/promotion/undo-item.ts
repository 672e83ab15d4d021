import { GraphRequestFailed, TenantUnreachable } from '../errors';
import type { InventorySubject } from '../inventory/model';
import type { JournalEntry } from '../runs/item-journal';
import { SUBJECT_TYPES } from '../subjects/registry';
import type { ReferenceObject } from '../subjects/references';
import type { GraphRequestSpec, SubjectType } from '../subjects/subject-type';
import { explainFailure, inStep, StepFailed } from './explain-failure';
import type { PromotedItem } from './item-steps';
import { assignEach, intendedAssignment, priorStateOf } from './item-steps';
import { awaitVisible, recordIntent, sendOnce, UNKNOWN, type ItemContext } from './item-writes';
import { ExecutionStopped } from './lease-keeper';
import type { PlanItem } from './plan';
import type { ItemRun } from './promote-item';
import { PassingOutage } from './promote-item';
import { identityTranslator, judgeAgainst } from './undo-classify';

type Image = { payload: Record<string, unknown>; assignments: Record<string, unknown>[] };

/** The DELETE of one object of a type's collection (Graph answers 204 No Content, no body sent). */
export const deleteRequest = (type: SubjectType, id: string): GraphRequestSpec => ({ method: 'DELETE', path: `${type.collectionPath}/${encodeURIComponent(id)}` });

/**
 * Undoes one item of an earlier run through this run's journal, like a promotion item: claim, then (unless an earlier
 * attempt left an intent) re-read the target and leave it alone when it changed since the undone run wrote it (its
 * after-image), record the intent with the target as it is now as before-image, and send each request once. A
 * resumed item waits for what an earlier attempt may still have on its way, then decides from what the target shows:
 * gone, restored, or still as the undone run left it; anything else is left with its outcome unknown. A delete is never sent twice: once sent, only its effect is watched for.
 */
export async function undoItem(ctx: ItemContext, item: PlanItem, index: number, undone: JournalEntry | undefined): Promise<ItemRun> {
  const claim = await ctx.journal.claim(ctx.runId, index, ctx.token, ctx.now());
  if (claim.kind === 'fenced') throw new ExecutionStopped('fenced');
  if (claim.kind === 'finished') return { kind: 'already_recorded', result: claim.entry.result! };
  const type = SUBJECT_TYPES[item.type];
  const targetId = item.targetId;
  const after = undone?.after;
  const before = undone?.intent?.before;
  const done = (promoted: PromotedItem): ItemRun => ({ kind: 'promoted', promoted });
  if (targetId === undefined || !after || (item.action === 'restore' && before?.kind !== 'present')) {
    return done({ outcome: 'failed', reason: 'The undone run\'s journal no longer holds what this item needs; nothing was written.' });
  }
  try {
    let live: InventorySubject | undefined;
    let references: readonly ReferenceObject[] = [];
    let observed = false;
    const observe = async () => {
      live = await ctx.reader.read(ctx.target, type, targetId);
      references = live ? await ctx.reader.references(ctx.target, type) : [];
      observed = true;
    };
    const equals = (image: Image) => live !== undefined && judgeAgainst(type, image, live, references, ctx.includeAssignments).inSync;
    const wanted = item.action === 'restore' && before?.kind === 'present' ? before : undefined;
    const undoneNow = () => (item.action === 'delete' ? !live : wanted !== undefined && equals(wanted));
    if (claim.previous?.intent) {
      // An earlier attempt recorded its intent and may have sent requests, some perhaps still on their way (its
      // executor lost the lease mid-write): let their effect show within the visibility wait, then decide from what
      // the target shows, so nothing is sent twice.
      await inStep('read_target', () => awaitVisible(ctx, async () => (await observe(), undoneNow() ? true : undefined)));
      // Every read failed in passing: read once more and let a failure end the item as usual.
      if (!observed) await inStep('read_target', observe);
      if (undoneNow()) return done({ outcome: 'succeeded', targetId, reason: item.action === 'delete' ? 'deleted by an earlier attempt of this undo run' : 'restored by an earlier attempt of this undo run' });
      // Settings written back, assignments not yet: only the assignment is left to send.
      const settingsRestored = wanted !== undefined && live !== undefined && judgeAgainst(type, wanted, live, references, false).inSync;
      if (!live || (!settingsRestored && !equals(after))) return done(unknownAfterResume(ctx, item, targetId));
      return done(await send(ctx, item, index, type, live, references, wanted, { intentRecorded: true, assignOnly: settingsRestored }));
    }
    await inStep('read_target', observe);
    if (!live) return done({ outcome: 'skipped', reason: `deleted in ${ctx.target.displayName} since the undo preview` });
    if (!equals(after)) return done({ outcome: 'skipped', reason: `changed in ${ctx.target.displayName} since the undo preview` });
    return done(await send(ctx, item, index, type, live, references, wanted, { intentRecorded: false, assignOnly: false }));
  } catch (error) {
    if (!(error instanceof StepFailed)) throw error;
    if (error.cause instanceof TenantUnreachable) throw new PassingOutage(error.cause.message);
    return done({ outcome: 'failed', reason: explainFailure(error), targetId });
  }
}

async function send(
  ctx: ItemContext,
  item: PlanItem,
  index: number,
  type: SubjectType,
  live: InventorySubject,
  references: readonly ReferenceObject[],
  wanted: Image | undefined,
  opts: { intentRecorded: boolean; assignOnly: boolean },
): Promise<PromotedItem> {
  const targetId = live.graphId;
  const priorState = priorStateOf(live, ctx.includeAssignments);
  const updates = opts.assignOnly ? [] : wanted ? type.updateRequests(targetId, wanted.payload, identityTranslator, live.payload) : [deleteRequest(type, targetId)];
  // Assignments the target still holds as they were (the promotion left them alone) are not sent again.
  const assignmentsHeld = wanted !== undefined && judgeAgainst(type, wanted, live, references, true).assignmentsInSync;
  const assign = wanted && ctx.includeAssignments && !assignmentsHeld ? type.assignRequest(targetId, wanted.assignments, identityTranslator) : undefined;
  // Assignments written one per request are restored after the other requests, from the target's assignments then.
  const assignEachOf = wanted && ctx.includeAssignments ? type.assignmentsPerRequest : undefined;
  const requests = [...updates, ...(assign ? [assign] : [])];
  if (!opts.intentRecorded) {
    const before = { kind: 'present' as const, targetId, payload: live.payload, assignments: live.assignments };
    const restoreEach = assignEachOf ? intendedAssignment(type, targetId, [], identityTranslator) : [];
    await recordIntent(ctx, index, { action: item.action, before }, [...requests, ...restoreEach]);
  }
  // On resume an earlier attempt may have sent requests already: its intent is never taken back.
  const progress = { index, sent: opts.intentRecorded };
  for (const request of requests) {
    const step = wanted ? 'restore' : 'delete';
    const sent = await inStep(step, () =>
      sendOnce(
        ctx,
        progress,
        () => ctx.graph.request(ctx.target, request).then(() => true as const, (error: unknown) => goneAlready(error, request)),
        () => landed(ctx, type, targetId, wanted, request === assign),
      ),
    targetId);
    if (sent === UNKNOWN) {
      return { outcome: 'failed', outcomeUnknown: true, targetId, priorState, reason: unknownText(ctx, item, wanted ? 'the restore' : 'the delete') };
    }
  }
  if (assignEachOf && wanted) {
    const restored = await assignEach(ctx, progress, { perRequest: assignEachOf, targetId, assignments: wanted.assignments, translate: identityTranslator });
    if (restored === UNKNOWN) return { outcome: 'failed', outcomeUnknown: true, targetId, priorState, reason: unknownText(ctx, item, 'the restore') };
  }
  return { outcome: 'succeeded', targetId, priorState };
}

/** A DELETE answered 404 found the object gone already (e.g. deleted by hand meanwhile): its effect holds. */
function goneAlready(error: unknown, request: GraphRequestSpec): true {
  if (request.method === 'DELETE' && error instanceof GraphRequestFailed && error.status === 404) return true;
  throw error;
}

/** Whether the target shows the undo's effect: the object gone, or equal to the before-image it restores. */
async function landed(ctx: ItemContext, type: SubjectType, targetId: string, wanted: Image | undefined, isAssign: boolean): Promise<true | undefined> {
  const live = await ctx.reader.read(ctx.target, type, targetId);
  if (!wanted) return live ? undefined : true;
  if (!live) return undefined;
  const references = await ctx.reader.references(ctx.target, type);
  const judged = judgeAgainst(type, wanted, live, references, isAssign);
  return (isAssign ? judged.assignmentsInSync : judged.contentInSync) ? true : undefined;
}

function unknownAfterResume(ctx: ItemContext, item: PlanItem, targetId: string): PromotedItem {
  return {
    outcome: 'failed',
    outcomeUnknown: true,
    targetId,
    reason:
      `An earlier attempt of this undo run stopped while undoing it, and ${ctx.target.displayName} now holds neither what the promotion wrote nor what it had before, so nothing was sent again. ` +
      `Check "${item.displayName}" in the Intune admin center, then compare again.`,
  };
}

function unknownText(ctx: ItemContext, item: PlanItem, what: string): string {
  const seconds = Math.round(ctx.visibility.waitMs / 1000);
  return `Microsoft Graph did not confirm ${what}, and ${ctx.target.displayName} did not show it within ${seconds} s. It was not sent again. Check "${item.displayName}" in the Intune admin center of ${ctx.target.displayName}, then compare again.`;
}
