import { randomUUID } from 'node:crypto';
import type { ActorContext } from '../access/actor-context';
import { NotFound } from '../errors';
import { RunId } from '../ids';
import type { PlanItem } from '../promotion/plan';
import type { PromotionRequest, PromotionRequestStore } from '../promotion/request';
import type { PromotionRun } from '../runs/model';
import { storeAndQueueRun } from './queue-run';
import { authoriseUndo, previewUndo, type UndoDeps, type UndoPreview, type UndoRunBlock } from './undo-preview';

export interface UndoStartDeps extends UndoDeps {
  requests: PromotionRequestStore;
}

/** Why an undo did not start; nothing was written in any of these cases. */
export type UndoRefusal =
  | { kind: 'blocked'; block: UndoRunBlock }
  | { kind: 'stale_preview' }
  | { kind: 'nothing_to_undo' }
  | { kind: 'approver_must_differ' }
  | { kind: 'request_closed'; runId?: string };

export type UndoRequestOutcome =
  | { kind: 'confirm'; request: PromotionRequest; preview: UndoPreview; secondApproverRequired: boolean }
  | { kind: 'refused'; refusal: UndoRefusal; preview: UndoPreview };

export type UndoConfirmOutcome =
  | { kind: 'started'; run: PromotionRun; undone: PromotionRun }
  | { kind: 'already_running'; runId: RunId }
  | { kind: 'target_busy'; runId: RunId }
  | { kind: 'refused'; refusal: UndoRefusal };

function refusalOf(preview: UndoPreview, fingerprint: string): UndoRefusal | undefined {
  if (preview.runBlock) return { kind: 'blocked', block: preview.runBlock };
  if (preview.fingerprint !== fingerprint) return { kind: 'stale_preview' };
  if (preview.deletes.length + preview.restores.length === 0) return { kind: 'nothing_to_undo' };
  return undefined;
}

/** "Undo" on an undo preview card: re-derives the preview and records a pending request to confirm. */
export async function requestUndo(deps: UndoStartDeps, ctx: ActorContext, input: { runId: string; fingerprint: string; requesterAddress?: { id: string; name: string } }): Promise<UndoRequestOutcome> {
  const preview = await previewUndo(deps, ctx, RunId(input.runId));
  const refusal = refusalOf(preview, input.fingerprint);
  if (refusal) return { kind: 'refused', refusal, preview };
  const request: PromotionRequest = {
    id: randomUUID(),
    workspaceId: ctx.workspace.id,
    selection: preview.run.selection,
    preflightFingerprint: preview.fingerprint,
    undoes: preview.run.id,
    requesterId: ctx.actor.id,
    ...(input.requesterAddress ? { requesterAddress: input.requesterAddress } : {}),
    createdAt: deps.now(),
  };
  await deps.requests.insert(request);
  return { kind: 'confirm', request, preview, secondApproverRequired: ctx.workspace.settings.requireSecondApprover };
}

/**
 * "Confirm" on an undo confirmation: re-authorises the approver (whoever may promote to the target; the second-approver
 * rule applies), re-derives the preview from the live target and queues exactly one undo run, which the original
 * links to (`undoneBy`). The target's run lock makes concurrent confirmations start one run; a run already undone,
 * an undo run, or promotions paused start nothing.
 */
export async function confirmUndo(deps: UndoStartDeps, ctx: ActorContext, requestId: string, conversation?: PromotionRun['conversation']): Promise<UndoConfirmOutcome> {
  const request = await deps.requests.get(ctx.workspace.id, requestId);
  if (!request?.undoes) throw new NotFound('run');
  await authoriseUndo(deps, ctx, request.undoes);
  if (request.closedAt) return refuse(deps, ctx, request, { kind: 'request_closed', ...(request.runId ? { runId: request.runId } : {}) });
  if (ctx.workspace.settings.requireSecondApprover && request.requesterId === ctx.actor.id) return refuse(deps, ctx, request, { kind: 'approver_must_differ' });
  const preview = await previewUndo(deps, ctx, request.undoes);
  const refusal = refusalOf(preview, request.preflightFingerprint);
  if (refusal) return refuse(deps, ctx, request, refusal);

  const { run: undone, target } = preview;
  const runId = RunId(randomUUID());
  const now = deps.now();
  const lock = await deps.runs.acquireLock(target.id, runId, `undo:${undone.id}`, now);
  if (lock.kind === 'same_plan') return { kind: 'already_running', runId: lock.runId };
  if (lock.kind === 'target_busy') return { kind: 'target_busy', runId: lock.runId };
  const run = undoRunOf({ id: runId, undone, decided: preview, initiatorId: request.requesterId, approverId: ctx.actor.id, now, fingerprint: preview.fingerprint });
  if (conversation) run.conversation = { ...conversation, ...(request.requesterAddress ? { initiator: request.requesterAddress } : {}) };
  await storeAndQueueRun(
    deps,
    ctx,
    request.id,
    run,
    {
      action: 'promotion.undo.started',
      metadata: { undoes: undone.id, target: target.id, initiator: request.requesterId, approver: ctx.actor.id, deletes: preview.deletes.length, restores: preview.restores.length, blocked: preview.blocked.length },
    },
    () => deps.runs.update(undone.id, { undoneBy: runId }),
  );
  return { kind: 'started', run, undone: { ...undone, undoneBy: runId } };
}

/**
 * The queued undo run of `undone`: one plan item per subject to delete or restore, in the undone run's order, each
 * naming its index there (`undoOf`, whose journal entry holds the images); blocked subjects are listed as not undone.
 */
export function undoRunOf(input: {
  id: RunId;
  undone: PromotionRun;
  decided: Pick<UndoPreview, 'deletes' | 'restores' | 'blocked'>;
  initiatorId: PromotionRun['initiatorId'];
  approverId: PromotionRun['approverId'];
  now: Date;
  fingerprint: string;
}): PromotionRun {
  const { undone, decided } = input;
  const items: PlanItem[] = usersFirst(undone, [...decided.deletes, ...decided.restores]);
  return {
    id: input.id,
    workspaceId: undone.workspaceId,
    operation: 'promotion.undo',
    undoes: undone.id,
    selection: undone.selection,
    sourceTenantId: undone.sourceTenantId,
    targetTenantId: undone.targetTenantId,
    plan: { fingerprint: input.fingerprint, sourceTenantId: undone.sourceTenantId, targetTenantId: undone.targetTenantId, includeAssignments: undone.plan.includeAssignments, items },
    excluded: decided.blocked.map((b) => ({ type: b.type, displayName: b.displayName, outcome: 'blocked', why: b.reason })),
    initiatorId: input.initiatorId,
    approverId: input.approverId,
    status: 'queued',
    summary: { total: items.length, processed: 0, succeeded: 0, failed: 0, skipped: 0 },
    createdAt: input.now,
  };
}

async function refuse(deps: UndoStartDeps, ctx: ActorContext, request: PromotionRequest, refusal: UndoRefusal): Promise<UndoConfirmOutcome> {
  await deps.audit.append({
    workspaceId: ctx.workspace.id,
    at: deps.now(),
    actorId: ctx.actor.id,
    action: 'promotion.undo.refused',
    tenantIds: [request.selection.sourceTenantId, request.selection.targetTenantId],
    metadata: { reason: refusal.kind === 'blocked' ? refusal.block.kind : refusal.kind, undoes: request.undoes ?? null },
  });
  return { kind: 'refused', refusal };
}

type UndoChoice = UndoPreview['deletes'][number] | UndoPreview['restores'][number];

/**
 * The undo plan items in the undone run's order, except that an object the run created first for other subjects (a
 * filter, a named location) is taken back after the subjects that use it, and waits for them: an object still in use
 * is not deleted. When one of them is not taken back, the object is left in place with the reason.
 */
function usersFirst(undone: PromotionRun, chosen: readonly UndoChoice[]): PlanItem[] {
  const users = (index: number) => chosen.filter((c) => undone.plan.items[c.index]?.dependsOn?.some((d) => d.index === index && !d.usedBy));
  const used = (c: UndoChoice) => users(c.index).length > 0;
  const ordered = [...chosen.filter((c) => !used(c)).sort((a, b) => a.index - b.index), ...chosen.filter(used).sort((a, b) => b.index - a.index)];
  const position = new Map(ordered.map((c, i) => [c.index, i]));
  return ordered.map((i) => {
    const dependsOn = users(i.index).map((user) => {
      const reference = undone.plan.items[user.index]!.dependsOn!.find((d) => d.index === i.index)!;
      return { index: position.get(user.index)!, kind: reference.kind, sourceId: reference.sourceId, displayName: user.displayName, usedBy: true as const };
    });
    return {
      type: i.type,
      displayName: i.displayName,
      action: i.action,
      undoOf: i.index,
      targetId: i.targetId,
      sourceId: '',
      sourceHash: '',
      referenceMap: {},
      ...(dependsOn.length > 0 ? { dependsOn } : {}),
    };
  });
}
