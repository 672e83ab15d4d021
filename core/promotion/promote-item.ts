import type { Tenant } from '../access/model';
import type { InventorySubject } from '../inventory/model';
import { subjectStateHash } from '../preflight/subject-hash';
import { SUBJECT_TYPES } from '../subjects/registry';
import type { ReferenceTranslator, SubjectType } from '../subjects/subject-type';
import { GraphUnavailable } from '../errors';
import { explainFailure, inStep, StepFailed } from './explain-failure';
import { writeOnce } from './lost-answer';
import type { PlanItem } from './plan';
import type { PromotionGraph } from './promotion-graph';
import type { LiveSubjectReader } from './read-live-subject';
import { assignInTarget, createInTarget, updateInTarget } from './write-subject';
import { holdsWrittenContent, itemTranslator } from './written-content';

/** What promoting one plan item needs: a graph that writes to the target only, a reader over it, both tenants, the assignment mode. */
export interface ItemContext {
  graph: PromotionGraph;
  reader: LiveSubjectReader;
  source: Tenant;
  target: Tenant;
  includeAssignments: boolean;
}

/** The outcome of one item, ready to record; `source` is the live source subject when it was read (for verification). */
export type PromotedItem = (
  | { outcome: 'succeeded'; targetId: string; priorState?: Record<string, unknown>; reason?: string }
  | { outcome: 'skipped' | 'failed'; reason: string; targetId?: string }
) & { source?: InventorySubject };

/** Skip reasons, in the words the run detail shows. */
export const SKIP_REASONS = {
  sourceChanged: 'changed in the source tenant since the preflight',
  sourceDeleted: 'deleted in the source tenant since the preflight',
  targetChanged: 'changed in the target since the preflight',
  assignmentsChanged: 'changed in the target since the preflight (its settings already match the source; its assignments were left as they are)',
  targetDeleted: 'deleted in the target since the preflight',
  nameAppeared: 'a subject with this name appeared in the target since the preflight',
} as const;

const skipped = (reason: string) => ({ outcome: 'skipped' as const, reason });

/**
 * Promotes one ready subject: re-reads the live source (and, for an update, the target) and skips it when either
 * changed since the preflight; otherwise creates or updates it in the target, then assigns when assignments are
 * promoted. A create first looks the name up in the target, so a crashed attempt's object is reused, never duplicated.
 * Every failure becomes this item's `failed` with an explanation; only a refused source write escapes.
 */
export async function promoteItem(ctx: ItemContext, item: PlanItem): Promise<PromotedItem> {
  const type = SUBJECT_TYPES[item.type];
  const translate = itemTranslator(item);
  let source: InventorySubject | undefined;
  try {
    source = await inStep('read_source', () => ctx.reader.read(ctx.source, type, item.sourceId));
    if (!source) return skipped(SKIP_REASONS.sourceDeleted);
    if (subjectStateHash(source, ctx.includeAssignments) !== item.sourceHash) return { ...skipped(SKIP_REASONS.sourceChanged), source };
    const live = source;
    const outcome = await inStep(item.action, () =>
      item.action === 'update' ? update(ctx, type, item, live, translate) : create(ctx, type, item, live, translate),
    );
    return { ...outcome, source };
  } catch (error) {
    if (!(error instanceof StepFailed)) throw error;
    return {
      outcome: 'failed',
      reason: explainFailure(error),
      ...(error.targetId !== undefined ? { targetId: error.targetId } : {}),
      ...(source ? { source } : {}),
    };
  }
}

async function update(ctx: ItemContext, type: SubjectType, item: PlanItem, source: InventorySubject, translate: ReferenceTranslator): Promise<PromotedItem> {
  const targetId = item.targetId;
  if (targetId === undefined) return { outcome: 'failed', reason: 'The plan names no target object for this update.' };
  const current = await inStep('read_target', () => ctx.reader.read(ctx.target, type, targetId));
  if (!current) return skipped(SKIP_REASONS.targetDeleted);
  if (subjectStateHash(current, ctx.includeAssignments) !== item.targetHash) {
    // An earlier attempt of this run may have written it all and crashed before recording: nothing left to write.
    if (holdsWrittenContent(type, 'update', source, current, translate, ctx.includeAssignments)) {
      return { outcome: 'succeeded', targetId, reason: 'already updated by an earlier attempt of this run' };
    }
    // Settings in place but assignments not: whose change that is cannot be told, so the target's assignments stay.
    return holdsWrittenContent(type, 'update', source, current, translate, false)
      ? skipped(SKIP_REASONS.assignmentsChanged)
      : skipped(SKIP_REASONS.targetChanged);
  }
  const priorState = ctx.includeAssignments ? { ...current.payload, assignments: current.assignments } : { ...current.payload };
  await inStep('update', () =>
    writeOnce(
      () => updateInTarget(ctx.graph, ctx.target, type, targetId, source, translate).then(() => true as const),
      async () => ((await targetHolds(ctx, type, item, targetId, source, translate, false)) ? (true as const) : undefined),
    ),
  );
  await assign(ctx, type, item, targetId, source, translate);
  return { outcome: 'succeeded', targetId, priorState };
}

async function create(ctx: ItemContext, type: SubjectType, item: PlanItem, source: InventorySubject, translate: ReferenceTranslator): Promise<PromotedItem> {
  const namesakes = await inStep('read_target', () => ctx.reader.findByIdentity(ctx.target, type, item.displayName));
  if (namesakes.length === 0) {
    const targetId = await inStep('create', () => writeOnce(() => createInTarget(ctx.graph, ctx.target, type, source, translate), () => createdByLostWrite(ctx, type, item, source, translate)));
    await assign(ctx, type, item, targetId, source, translate);
    return { outcome: 'succeeded', targetId };
  }
  const [namesake] = namesakes;
  if (namesakes.length > 1 || !namesake || !holdsWrittenContent(type, 'create', source, namesake, translate, false)) {
    return skipped(SKIP_REASONS.nameAppeared);
  }
  await assign(ctx, type, item, namesake.graphId, source, translate);
  return { outcome: 'succeeded', targetId: namesake.graphId, reason: 'created by an earlier attempt of this run; not created again' };
}

/** After a create whose answer was lost: the id of the subject it made, undefined when it made none. */
async function createdByLostWrite(ctx: ItemContext, type: SubjectType, item: PlanItem, source: InventorySubject, translate: ReferenceTranslator): Promise<string | undefined> {
  const namesakes = await ctx.reader.findByIdentity(ctx.target, type, item.displayName);
  if (namesakes.length === 0) return undefined;
  const [namesake] = namesakes;
  if (namesakes.length === 1 && namesake && holdsWrittenContent(type, 'create', source, namesake, translate, false)) return namesake.graphId;
  throw new GraphUnavailable(`Microsoft Graph did not confirm the create, and ${item.displayName} in ${ctx.target.displayName} does not hold what was sent; it was not created again.`);
}

/** Whether target object `targetId` now holds what promoting `source` writes (its assignments too when asked). */
async function targetHolds(ctx: ItemContext, type: SubjectType, item: PlanItem, targetId: string, source: InventorySubject, translate: ReferenceTranslator, withAssignments: boolean): Promise<boolean> {
  const current = await ctx.reader.read(ctx.target, type, targetId);
  return current !== undefined && holdsWrittenContent(type, item.action, source, current, translate, withAssignments);
}

async function assign(ctx: ItemContext, type: SubjectType, item: PlanItem, targetId: string, source: InventorySubject, translate: ReferenceTranslator): Promise<void> {
  if (!ctx.includeAssignments) return;
  await inStep(
    'assign',
    () =>
      writeOnce(
        () => assignInTarget(ctx.graph, ctx.target, type, targetId, source, translate).then(() => true as const),
        async () => ((await targetHolds(ctx, type, item, targetId, source, translate, true)) ? (true as const) : undefined),
      ),
    targetId,
  );
}
