import { z } from 'zod';
import { messageCard } from '../../cards/message-card';
import type { CardAttachment } from '../../cards/render';
import { undoConfirmCard, undoPreviewCard } from '../../cards/undo-card';
import { shortRunId } from '../../cards/text';
import type { CardVerb } from '../../cards/verbs';
import { hasTenantCapability, hasWorkspaceCapability } from '../../core/access/policy';
import { RunId } from '../../core/ids';
import { TERMINAL_STATUSES } from '../../core/promotion/run-outcome';
import type { PromotionRun } from '../../core/runs/model';
import type { UndoStanding } from '../../core/workflows/undo-standing';
import { SUBJECT_TYPES } from '../../core/subjects/registry';
import { confirmUndo, requestUndo, type UndoRefusal } from '../../core/workflows/start-undo';
import { resolveRunId } from '../../core/workflows/admin-queries';
import { previewUndo, type UndoPreview, type UndoRunBlock } from '../../core/workflows/undo-preview';
import type { Command } from '../commands/grammar';
import type { BotRequest } from '../turn';
import { Fingerprint, parseActionData } from './action-data';
import { runCard } from './promotion';

const openRun = (runId: string, title = 'Open run') => ({ title, verb: 'run.open' as const, data: { runId, page: 1 } });
const RunIdData = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);
const RequestData = z.object({ requestId: z.string().uuid(), runId: RunIdData });

/** Whether a run detail card offers "Undo this run": a finished promotion not undone yet, to a target the reader may promote to. */
export function mayOfferUndo(req: BotRequest, run: PromotionRun, undo: UndoStanding): boolean {
  return (
    run.undoes === undefined &&
    (undo.kind === 'not_undone' || undo.kind === 'undo_ended_short') &&
    TERMINAL_STATUSES.has(run.status) &&
    hasWorkspaceCapability(req.ctx.actor, 'WORKSPACE_BASELINES_MANAGE') &&
    hasTenantCapability(req.ctx.actor, run.targetTenantId, 'TENANT_MANAGE')
  );
}

/** The words of each whole-run block, and the run it points at. */
function blockView(block: UndoRunBlock): { title: string; text: string; openRunId?: string; openTitle?: string } {
  switch (block.kind) {
    case 'paused':
      return { title: 'Promotions are paused', text: `An admin paused promotions${block.control.reason ? `: ${block.control.reason}` : ''} (by ${block.control.changedBy}). Undo is paused too; nothing was changed.` };
    case 'still_running':
      return { title: 'The run is still running', text: 'A run can be undone once it has finished. Nothing was changed.' };
    case 'is_undo_run':
      return { title: 'An undo run cannot be undone', text: 'This run undid an earlier promotion run. To bring those settings back, promote them again from a compare.', openRunId: block.undoes, openTitle: 'Open undone run' };
    case 'already_undone':
      return { title: 'Already undone', text: 'This run was undone already; undoing it again starts nothing.', openRunId: block.undoneBy, openTitle: 'Open undo run' };
    case 'undo_running':
      return { title: 'An undo of this run is running', text: 'Its undo run is queued or running; wait for it to finish. Nothing was changed.', openRunId: block.undoneBy, openTitle: 'Open undo run' };
  }
}

function previewCard(preview: UndoPreview): CardAttachment {
  const subject = (i: { type: keyof typeof SUBJECT_TYPES; displayName: string }) => ({ typeLabel: SUBJECT_TYPES[i.type].label, displayName: i.displayName });
  return undoPreviewCard({
    runId: preview.run.id,
    sourceName: preview.source.displayName,
    targetName: preview.target.displayName,
    deletes: preview.deletes.map(subject),
    restores: preview.restores.map(subject),
    blocked: preview.blocked.map((b) => ({ ...subject(b), reason: b.reason })),
    ...(preview.runBlock ? { runBlock: blockView(preview.runBlock) } : {}),
    fingerprint: preview.fingerprint,
  });
}

/** `undo run <id>` and "Undo this run": the read-only undo preview. */
export async function undoPreviewAnswer(req: BotRequest, runId: string): Promise<CardAttachment> {
  return previewCard(await previewUndo(req.deps, req.ctx, RunId(runId)));
}

const REFUSAL_TEXT: Record<Exclude<UndoRefusal['kind'], 'blocked'>, { title: string; text: string }> = {
  stale_preview: { title: 'Undo preview is stale', text: 'The target changed since this undo preview. Open the undo preview again and review it. Nothing was started.' },
  nothing_to_undo: { title: 'Nothing to undo', text: 'No subject of this run can be deleted or restored. Nothing was started.' },
  approver_must_differ: { title: 'Another approver is needed', text: 'This workspace requires a second person to confirm; you requested this undo, so you cannot confirm it. Nothing was started.' },
  request_closed: { title: 'Already used', text: 'This confirmation was already used or cancelled. Nothing new was started.' },
};

function refusalCard(refusal: UndoRefusal, runId: string): CardAttachment {
  if (refusal.kind === 'blocked') {
    const view = blockView(refusal.block);
    return messageCard({ title: view.title, text: view.text, tone: 'warning', actions: [openRun(runId), ...(view.openRunId ? [openRun(view.openRunId, view.openTitle)] : [])] });
  }
  const started = refusal.kind === 'request_closed' ? refusal.runId : undefined;
  return messageCard({ ...REFUSAL_TEXT[refusal.kind], tone: 'warning', actions: [openRun(runId), ...(started ? [openRun(started, 'Open undo run')] : [])] });
}

/** `Undo` on the preview: re-derives it and answers with the confirmation, or why not. */
async function undoRequestAnswer(req: BotRequest, runId: string, fingerprint: string): Promise<CardAttachment> {
  const from = req.turn.activity.from;
  const outcome = await requestUndo(req.deps, req.ctx, { runId, fingerprint, ...(from?.id ? { requesterAddress: { id: from.id, name: from.name ?? req.ctx.actor.displayName } } : {}) });
  if (outcome.kind === 'refused') return refusalCard(outcome.refusal, runId);
  const { preview } = outcome;
  return undoConfirmCard({
    requestId: outcome.request.id,
    runId: preview.run.id,
    sourceName: preview.source.displayName,
    targetName: preview.target.displayName,
    deleteCount: preview.deletes.length,
    restoreCount: preview.restores.length,
    blockedCount: preview.blocked.length,
    requireSecondApprover: outcome.secondApproverRequired,
    fingerprint: preview.fingerprint,
  });
}

/** `Confirm` on the undo confirmation: queues exactly one undo run and shows its live card. */
async function undoConfirmAnswer(req: BotRequest, requestId: string, runId: string): Promise<CardAttachment> {
  const conversationId = req.turn.activity.conversation?.id;
  const replyToId = req.turn.activity.replyToId;
  const outcome = await confirmUndo(req.deps, req.ctx, requestId, conversationId ? { conversationId, ...(replyToId ? { activityId: replyToId } : {}) } : undefined);
  switch (outcome.kind) {
    case 'refused':
      return refusalCard(outcome.refusal, runId);
    case 'already_running':
      return messageCard({ title: 'This undo is already running', text: `The same undo was confirmed already; no second run was started. Run ${shortRunId(outcome.runId)}.`, tone: 'warning', actions: [openRun(outcome.runId)] });
    case 'target_busy':
      return messageCard({ title: 'Target busy', text: `Another run is active on this target tenant. Wait for it to finish, then open the undo preview again. Run ${shortRunId(outcome.runId)}.`, tone: 'warning', actions: [openRun(outcome.runId)] });
    case 'started': {
      const { run } = outcome;
      const source = req.ctx.visibleTenants.find((t) => t.id === run.sourceTenantId)!;
      const target = req.ctx.visibleTenants.find((t) => t.id === run.targetTenantId)!;
      return runCard(run, source, target);
    }
  }
}

/** `Cancel`: closes the request; nothing was started. */
async function undoCancelAnswer(req: BotRequest, requestId: string): Promise<CardAttachment> {
  await req.deps.requests.close(req.ctx.workspace.id, requestId, req.deps.now());
  return messageCard({ title: 'Undo cancelled', text: 'Nothing was started and no tenant was changed.', tone: 'info' });
}

export const UNDO_COMMANDS: { undo: (req: BotRequest, c: Extract<Command, { name: 'undo' }>) => Promise<CardAttachment> } = {
  undo: async (req, c) => undoPreviewAnswer(req, await resolveRunId(req.deps, req.ctx, c.runId)),
};

export const UNDO_ACTIONS: Partial<Record<CardVerb, (req: BotRequest, data: unknown) => Promise<CardAttachment>>> = {
  'undo.preview': (req, data) => undoPreviewAnswer(req, parseActionData(z.object({ runId: RunIdData }), data).runId),
  'undo.request': (req, data) => {
    const d = parseActionData(z.object({ runId: RunIdData, previewFingerprint: Fingerprint }), data);
    return undoRequestAnswer(req, d.runId, d.previewFingerprint);
  },
  'undo.confirm': (req, data) => {
    const d = parseActionData(RequestData, data);
    return undoConfirmAnswer(req, d.requestId, d.runId);
  },
  'undo.cancel': (req, data) => undoCancelAnswer(req, parseActionData(RequestData, data).requestId),
};
