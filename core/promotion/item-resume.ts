import type { InventorySubject } from '../inventory/model';
import { subjectStateHash } from '../preflight/subject-hash';
import type { JournalEntry } from '../runs/item-journal';
import { inStep } from './explain-failure';
import { assignStep, priorStateOf, UNKNOWN, updateLanded, writeUpdate, type PromotedItem } from './item-steps';
import { completeFollowUps, findPosted, sendFollowUps } from './follow-ups';
import { awaitVisible, findCreated, judgeTarget, recordCreated, type ItemContext, type ItemWrite } from './item-writes';

/**
 * Finishes an item an earlier attempt of this run started (its intent is in the journal), from what the journal
 * proves rather than from what the target happens to hold:
 * - a create whose id was recorded continues with that object: what follows the create is completed when it replays
 *   safely (apps, priority), and assigning it again replaces the same assignments;
 * - a create without a recorded id waits for its object to become visible and adopts only a single namesake holding
 *   exactly what the run sends (what its POST sent, when later requests follow: those were never sent, so they are
 *   sent now); if none shows, the item's outcome is unknown and nothing is created again;
 * - an update is judged once the target is in sync or the visibility wait is over (a request of the earlier attempt
 *   may still be on its way): in sync is done; still the before-image means no earlier request took effect, so it is
 *   written now, once; content written but not its assignments is assigned; a PATCH that landed without what follows
 *   it is completed when that replays safely; anything else is left alone with its outcome unknown (part-written, or
 *   changed by someone else).
 */
export async function resumeItem(ctx: ItemContext, write: ItemWrite, previous: JournalEntry): Promise<PromotedItem> {
  const intent = previous.intent!;
  if (intent.action === 'create') return resumeCreate(ctx, write, previous.createdId);
  const targetId = intent.before.kind === 'present' ? intent.before.targetId : write.item.targetId;
  if (targetId === undefined) return { outcome: 'failed', reason: 'The plan names no target object for this update.' };
  const priorState = intent.before.kind === 'present' ? priorStateOf(intent.before, ctx.includeAssignments) : undefined;
  const keep = priorState ? { priorState } : {};
  // The earlier attempt may have a request still on its way (its executor lost the lease mid-write, or Graph lags
  // behind an applied write): give it the visibility wait to show before deciding anything, so nothing is sent twice.
  const seen = await inStep('read_target', () => awaitSettled(ctx, write, targetId, { createdByRun: false }));
  if (seen.kind === 'deleted') return { outcome: 'skipped', reason: 'deleted in the target since the preflight', ...keep };
  const { current, judged } = seen;
  if (judged.inSync) return { outcome: 'succeeded', targetId, reason: 'already updated by an earlier attempt of this run', ...keep };
  if (subjectStateHash(current, ctx.includeAssignments) === write.item.targetHash) {
    // Still the before-image after the wait: no earlier request of this item took effect, so this is its one write.
    const written = await writeUpdate(ctx, write, current, { intentRecorded: true });
    return priorState ? { ...written, priorState } : written;
  }
  if (judged.contentInSync) {
    const assigned = await assignStep(ctx, write, targetId);
    if (assigned !== UNKNOWN) return { outcome: 'succeeded', targetId, reason: 'updated by an earlier attempt of this run; its assignments were completed now', ...keep };
  } else if (await firstUpdateLanded(ctx, write, targetId, current)) {
    // The PATCH landed but what follows it (a priority, the apps, the allowed combinations) did not, and each of those
    // replays safely: complete them on the same object, then the assignments.
    const followUps = write.type.updateRequests(targetId, write.payload ?? write.source.payload, write.translate, current.payload).slice(1);
    const completed = await completeFollowUps(ctx, write, targetId, followUps, 'update');
    if (completed !== true) return { outcome: 'failed', outcomeUnknown: true, targetId, reason: completed, ...keep };
    const assigned = await assignStep(ctx, write, targetId);
    if (assigned !== UNKNOWN) return { outcome: 'succeeded', targetId, reason: 'updated by an earlier attempt of this run; what follows the update was completed now', ...keep };
  }
  return {
    outcome: 'failed',
    outcomeUnknown: true,
    targetId,
    ...keep,
    reason:
      `An earlier attempt of this run stopped while updating it, and ${ctx.target.displayName} now holds neither what it had before nor what the run writes, so it was not written again. ` +
      `Check "${write.item.displayName}" in the Intune admin center, then compare again; the state before the run is kept.`,
  };
}

async function resumeCreate(ctx: ItemContext, write: ItemWrite, recordedId: string | undefined): Promise<PromotedItem> {
  const [post, ...followUps] = write.type.createRequests(write.payload ?? write.source.payload, write.translate);
  let createdId = recordedId;
  if (createdId === undefined) {
    // No id recorded: the earlier attempt never learnt it, so it sent nothing after the POST (the id is journalled
    // before any follow-up); its object, if the POST landed, shows the POST's members alone.
    createdId = await inStep('read_target', () => awaitVisible(ctx, () => (followUps.length > 0 ? findPosted(ctx, write, post!) : findCreated(ctx, write))));
    if (createdId === undefined) {
      const seconds = Math.round(ctx.visibility.waitMs / 1000);
      return {
        outcome: 'failed',
        outcomeUnknown: true,
        reason:
          `An earlier attempt of this run stopped around its create, and "${write.item.displayName}" did not appear in ${ctx.target.displayName} within ${seconds} s. ` +
          `It was not created again. Check the Intune admin center of ${ctx.target.displayName}, then compare again.`,
      };
    }
    await recordCreated(ctx, write.index, createdId);
    if (followUps.length > 0) {
      // Nothing after the POST went out, its assignment included: send the rest now, as the first attempt would have.
      const sent = await sendFollowUps(ctx, write, createdId, followUps, 'create');
      if (sent !== true) return { outcome: 'failed', outcomeUnknown: true, targetId: createdId, reason: sent };
      return assignCreated(ctx, write, createdId, write.source.assignments.length > 0);
    }
  }
  const id = createdId;
  // Its assignment may still be on its way: wait for it to show rather than sending it a second time.
  const seen = await inStep('read_target', () => awaitSettled(ctx, write, id, { createdByRun: true }));
  if (seen.kind === 'deleted') return { outcome: 'skipped', reason: 'deleted in the target since this run created it', targetId: id };
  // What a create writes after the object (its apps, its priority, its messages) may never have been sent.
  if (!seen.judged.contentInSync && followUps.length > 0) {
    const completed = await completeFollowUps(ctx, write, id, followUps, 'create');
    if (completed !== true) return { outcome: 'failed', outcomeUnknown: true, targetId: id, reason: completed };
  }
  return assignCreated(ctx, write, id, !seen.judged.inSync);
}

/** Assigns an object an earlier attempt of this run created (when `needed`), and ends its item. */
async function assignCreated(ctx: ItemContext, write: ItemWrite, id: string, needed: boolean): Promise<PromotedItem> {
  const assigned = needed ? await assignStep(ctx, write, id) : true;
  if (assigned === UNKNOWN) return { outcome: 'failed', outcomeUnknown: true, targetId: id, reason: 'Microsoft Graph did not confirm the assignment, and the target did not show it; it was not sent again.' };
  return { outcome: 'succeeded', targetId: id, reason: 'created by an earlier attempt of this run; not created again' };
}

/**
 * Whether the update's first request (its PATCH or PUT, by the members it sends) shows in the target while later
 * requests of the update remain: only then can the rest be completed. An update of one request has nothing to complete.
 */
async function firstUpdateLanded(ctx: ItemContext, write: ItemWrite, targetId: string, current: InventorySubject): Promise<boolean> {
  const [first, ...later] = write.type.updateRequests(targetId, write.payload ?? write.source.payload, write.translate, current.payload);
  if (!first || later.length === 0 || (first.method !== 'PATCH' && first.method !== 'PUT')) return false;
  return (await inStep('read_target', () => updateLanded(ctx, write, targetId, first))) === true;
}

type Settled = { kind: 'deleted' } | { kind: 'present'; current: InventorySubject; judged: Awaited<ReturnType<typeof judgeTarget>> };

/**
 * The target object once it is in sync, or as it stands when the visibility wait is over. Not found ends the wait at
 * once for an object the target held before the run (no pending write of this run brings it back); an object this run
 * created may still be unreadable for a while (Graph's reads lag behind its writes), so it is waited for.
 */
async function awaitSettled(ctx: ItemContext, write: ItemWrite, targetId: string, opts: { createdByRun: boolean }): Promise<Settled> {
  const look = async (): Promise<Settled> => {
    const current = await ctx.reader.read(ctx.target, write.type, targetId);
    return current ? { kind: 'present', current, judged: await judgeTarget(ctx, write, current, ctx.includeAssignments) } : { kind: 'deleted' };
  };
  let last: Settled | undefined;
  const settled = await awaitVisible(ctx, async () => {
    last = await look();
    const done = last.kind === 'deleted' ? !opts.createdByRun : last.judged.inSync;
    return done ? last : undefined;
  });
  // `last` is unset only when every read failed in passing: read once more and let a failure end the item as usual.
  return settled ?? last ?? (await look());
}
