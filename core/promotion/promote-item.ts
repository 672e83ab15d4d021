import type { InventorySubject } from '../inventory/model';
import { subjectStateHash } from '../preflight/subject-hash';
import type { RunItemResult } from '../runs/model';
import { SUBJECT_TYPES } from '../subjects/registry';
import { TenantUnreachable } from '../errors';
import { explainFailure, inStep, StepFailed } from './explain-failure';
import { findPosted, sendFollowUps } from './follow-ups';
import { resumeItem } from './item-resume';
import { assignStep, intendedAssignment, UNKNOWN, writeUpdate, type PromotedItem } from './item-steps';
import { findCreated, recordCreated, recordIntent, sendOnce, unknownReason, type ItemContext, type ItemWrite } from './item-writes';
import { ExecutionStopped } from './lease-keeper';
import type { PlanItem } from './plan';
import { writePayload } from './secret-values';
import { createAndReturnId } from './write-subject';
import { itemTranslator } from './written-content';

export type { ItemContext } from './item-writes';
export type { PromotedItem } from './item-steps';

/** Skip reasons, in the words the run detail shows. */
export const SKIP_REASONS = {
  sourceChanged: 'changed in the source tenant since the preflight',
  sourceDeleted: 'deleted in the source tenant since the preflight',
  targetChanged: 'changed in the target since the preflight',
  targetDeleted: 'deleted in the target since the preflight',
  nameAppeared: 'exists in the target; changed since the preflight',
} as const;

/** What became of one item in this attempt: promoted now, or already recorded by an earlier attempt. */
export type ItemRun = { kind: 'promoted'; promoted: PromotedItem } | { kind: 'already_recorded'; result: RunItemResult };

/** Microsoft Graph kept failing in a passing way: the run should wait and try again rather than fail the item. */
export class PassingOutage extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'PassingOutage';
  }
}

const skipped = (reason: string) => ({ outcome: 'skipped' as const, reason });

/**
 * Promotes one ready subject through the item journal: claim (a newer executor's claim fences this one out), then,
 * when an earlier attempt left an intent, resume from what the journal says instead of guessing; otherwise re-read
 * the live source (and target), skip what changed since the preflight, record the intent with the before-image, and
 * only then write. Graph failures become the item's `failed`; a passing outage and a stop escape to the run.
 */
export async function promoteItem(ctx: ItemContext, item: PlanItem, index: number): Promise<ItemRun> {
  const claim = await ctx.journal.claim(ctx.runId, index, ctx.token, ctx.now());
  if (claim.kind === 'fenced') throw new ExecutionStopped('fenced');
  if (claim.kind === 'finished') return { kind: 'already_recorded', result: claim.entry.result! };
  const type = SUBJECT_TYPES[item.type];
  const previous = claim.previous;
  let source: InventorySubject | undefined;
  try {
    source = await inStep('read_source', () => ctx.reader.read(ctx.source, type, item.sourceId));
    const sourceChanged = !source || subjectStateHash(source, ctx.includeAssignments) !== item.sourceHash;
    if (previous?.intent && sourceChanged) return promoted({ ...changedMidRun(ctx, item, previous.createdId ?? beforeId(previous.intent.before)) }, source);
    if (!source) return promoted(skipped(SKIP_REASONS.sourceDeleted));
    if (sourceChanged) return promoted(skipped(SKIP_REASONS.sourceChanged), source);
    const payload = await inStep('read_source', () => writePayload(ctx, type, source!));
    if (payload.kind === 'unreadable') {
      const unwritten = previous?.intent
        ? { outcomeUnknown: true as const, reason: `An earlier attempt of this run may have written it; it was not written again. ${payload.reason}` }
        : { reason: `Nothing was written. ${payload.reason}` };
      return promoted({ outcome: 'failed', ...unwritten }, source);
    }
    const write: ItemWrite = { item, index, type, source, translate: itemTranslator(item), ...(payload.kind === 'with_secrets' ? { payload: payload.payload } : {}) };
    if (previous?.intent) return promoted(await resumeItem(ctx, write, previous), source);
    return promoted(item.action === 'update' ? await update(ctx, write) : await create(ctx, write), source);
  } catch (error) {
    if (!(error instanceof StepFailed)) throw error;
    if (error.cause instanceof TenantUnreachable) throw new PassingOutage(error.cause.message);
    return promoted({ outcome: 'failed', reason: explainFailure(error), ...(error.targetId !== undefined ? { targetId: error.targetId } : {}) }, source);
  }
}

/**
 * Records a skip for an item the run decided not to write before reading anything (what it references was not
 * created): claimed through the journal like any item, so a result recorded by an earlier attempt is kept as it is.
 */
export async function skipItem(ctx: ItemContext, index: number, reason: string): Promise<ItemRun> {
  const claim = await ctx.journal.claim(ctx.runId, index, ctx.token, ctx.now());
  if (claim.kind === 'fenced') throw new ExecutionStopped('fenced');
  if (claim.kind === 'finished') return { kind: 'already_recorded', result: claim.entry.result! };
  return promoted(skipped(reason));
}

const promoted = (outcome: PromotedItem, source?: InventorySubject): ItemRun => ({ kind: 'promoted', promoted: { ...outcome, ...(source ? { source } : {}) } });

const beforeId = (before: { kind: string; targetId?: string }) => (before.kind === 'present' ? before.targetId : undefined);

function changedMidRun(ctx: ItemContext, item: PlanItem, targetId: string | undefined): PromotedItem {
  return {
    outcome: 'failed',
    outcomeUnknown: true,
    reason:
      `An earlier attempt of this run may have written it, and it changed in ${ctx.source.displayName} since the preflight, so it was not written again. ` +
      `Compare the tenants and check "${item.displayName}" in ${ctx.target.displayName}.`,
    ...(targetId !== undefined ? { targetId } : {}),
  };
}

async function update(ctx: ItemContext, write: ItemWrite): Promise<PromotedItem> {
  const targetId = write.item.targetId;
  if (targetId === undefined) return { outcome: 'failed', reason: 'The plan names no target object for this update.' };
  const current = await inStep('read_target', () => ctx.reader.read(ctx.target, write.type, targetId));
  if (!current) return skipped(SKIP_REASONS.targetDeleted);
  if (subjectStateHash(current, ctx.includeAssignments) !== write.item.targetHash) return skipped(SKIP_REASONS.targetChanged);
  return writeUpdate(ctx, write, current, { intentRecorded: false });
}

/**
 * A create sends its POST only when the target holds no namesake (a namesake there now was made by someone else
 * after the preflight: never adopted), records the new id in the journal at once, then assigns.
 */
async function create(ctx: ItemContext, write: ItemWrite): Promise<PromotedItem> {
  const { type, source, translate } = write;
  const namesakes = await inStep('read_target', () => ctx.reader.findByIdentity(ctx.target, type, write.item.displayName));
  if (namesakes.length > 0) return skipped(SKIP_REASONS.nameAppeared);
  const requests = type.createRequests(write.payload ?? source.payload, translate);
  // A new object has no assignments: a source without any has nothing to assign.
  const unassigned = source.assignments.length === 0;
  const assign = ctx.includeAssignments && !unassigned ? intendedAssignment(type, '{id}', source.assignments, translate) : [];
  await recordIntent(ctx, write.index, { action: 'create', before: { kind: 'absent' } }, [...requests, ...assign]);
  const [post, ...followUps] = requests;
  // Set once the POST's answer gave the id (journalled before any follow-up is sent): until then, a lost answer means
  // nothing after the POST went out, and the object can show the POST's members alone.
  let idAnswered = false;
  const onCreated = async (id: string) => {
    await recordCreated(ctx, write.index, id);
    idAnswered = true;
  };
  const createdId = await inStep('create', () =>
    sendOnce(
      ctx,
      write,
      () => createAndReturnId(ctx.graph, ctx.target, type, requests, onCreated),
      () => (followUps.length > 0 && !idAnswered ? findPosted(ctx, write, post!) : findCreated(ctx, write)),
    ),
  );
  if (createdId === UNKNOWN) return { outcome: 'failed', outcomeUnknown: true, reason: unknownReason(ctx, write, 'the create') };
  await recordCreated(ctx, write.index, createdId);
  if (followUps.length > 0 && !idAnswered) {
    // Adopted after the POST's answer was lost: nothing after the POST went out yet, so the rest is sent now, once.
    const sent = await sendFollowUps(ctx, write, createdId, followUps, 'create');
    if (sent !== true) return { outcome: 'failed', outcomeUnknown: true, targetId: createdId, reason: sent };
  }
  const assigned = unassigned ? true : await assignStep(ctx, write, createdId);
  if (assigned === UNKNOWN) return { outcome: 'failed', outcomeUnknown: true, targetId: createdId, reason: unknownReason(ctx, write, 'the assignment') };
  return { outcome: 'succeeded', targetId: createdId };
}
