import { confirmCard } from '../../cards/confirm-card';
import { messageCard } from '../../cards/message-card';
import type { CardAttachment } from '../../cards/render';
import { runStatusCard } from '../../cards/run-status-card';
import type { Tenant } from '../../core/access/model';
import type { RunId } from '../../core/ids';
import type { PromotionRun } from '../../core/runs/model';
import { cancelPromotion } from '../../core/workflows/cancel-promotion';
import { confirmPromotion, requestPromotion, type Refusal } from '../../core/workflows/start-promotion';
import type { SubjectTypeKey } from '../../core/subjects/subject-type';
import type { BotRequest } from '../turn';
import type { OperationalControl } from '../../core/controls/model';
import { NotFound } from '../../core/errors';
import { resolvePair } from '../../core/workflows/compare-tenants';
import { derivePreflight } from '../../core/workflows/derive-preflight';
import { pauseView } from '../views/pause-view';
import { typesText } from './compare';
import { preflightAnswer, readySubjects } from './preflight';

const openRun = (runId: string) => ({ title: 'Open run', verb: 'run.open' as const, data: { runId, page: 1 } });

/** What each refusal tells the operator; nothing was started in any of these cases. */
const REFUSAL_TEXT: { [K in Refusal['kind']]: (r: Extract<Refusal, { kind: K }>) => { title: string; text: string } } = {
  stale_preflight: () => ({ title: 'Preflight is stale', text: 'The tenants changed since this preflight was generated. Regenerate the preflight and review it again. Nothing was started.' }),
  nothing_ready: () => ({ title: 'Nothing to promote', text: 'No subject is ready for promotion. Nothing was started.' }),
  paused: (r) => ({ title: 'Promotions are paused', text: `An admin paused promotions${r.control.reason ? `: ${r.control.reason}` : ''}. Nothing was started.` }),
  approver_must_differ: () => ({ title: 'Another approver is needed', text: 'This workspace requires a second person to confirm a promotion; you requested it, so you cannot confirm it. Nothing was started.' }),
  request_closed: () => ({ title: 'Already used', text: 'This confirmation was already used or cancelled. Nothing new was started.' }),
};

function refusalCard(refusal: Refusal): CardAttachment {
  const text = (REFUSAL_TEXT[refusal.kind] as (r: Refusal) => { title: string; text: string })(refusal);
  const runId = refusal.kind === 'request_closed' ? refusal.runId : undefined;
  return messageCard({ ...text, tone: 'warning', ...(runId ? { actions: [openRun(runId)] } : {}) });
}

/** The live card of a run. */
export function runCard(run: Pick<PromotionRun, 'id' | 'status' | 'selection' | 'summary' | 'verified' | 'currentItem' | 'failureReason' | 'retry' | 'undoes'>, source: Pick<Tenant, 'displayName'>, target: Pick<Tenant, 'displayName'>): CardAttachment {
  return runStatusCard({
    runId: run.id,
    status: run.status,
    sourceName: source.displayName,
    targetName: target.displayName,
    typesText: typesText(run.selection.types),
    includeAssignments: run.selection.includeAssignments,
    summary: run.summary,
    ...(run.verified !== undefined ? { verified: run.verified } : {}),
    ...(run.currentItem && run.status === 'running' ? { currentItem: run.currentItem } : {}),
    ...(run.failureReason ? { failureReason: run.failureReason } : {}),
    ...(run.retry && run.status === 'running' ? { retry: run.retry } : {}),
    ...(run.undoes ? { undoes: run.undoes } : {}),
  });
}

/** `Execute promotion`: re-checks and answers with the confirmation card, or why not. */
export async function executeAnswer(
  req: BotRequest,
  input: { sourceTenantId: string; targetTenantId: string; types: SubjectTypeKey[]; includeAssignments: boolean; fingerprint: string },
): Promise<CardAttachment> {
  const from = req.turn.activity.from;
  const outcome = await requestPromotion(req.deps, req.ctx, { ...input, ...(from?.id ? { requesterAddress: { id: from.id, name: from.name ?? req.ctx.actor.displayName } } : {}) });
  // Paused: the preflight stays in place, showing who paused and why, with Execute disabled.
  if (outcome.kind === 'refused' && outcome.refusal.kind === 'paused') return preflightAnswer(req, input);
  if (outcome.kind === 'refused') return refusalCard(outcome.refusal);
  const { counts } = outcome.derived.preflight;
  return confirmCard({
    ready: readySubjects(outcome.derived.preflight),
    requestId: outcome.request.id,
    sourceName: outcome.source.displayName,
    targetName: outcome.target.displayName,
    selection: outcome.request.selection,
    typesText: typesText(outcome.request.selection.types),
    readyCount: counts.ready,
    excludedCount: counts.blocked + counts.manualMapping,
    requireSecondApprover: outcome.secondApproverRequired,
    preflightFingerprint: outcome.request.preflightFingerprint,
  });
}

/** `Confirm`: starts exactly one run (or points at the one already running) and shows it as queued. */
export async function confirmAnswer(req: BotRequest, requestId: string): Promise<CardAttachment> {
  const conversationId = req.turn.activity.conversation?.id;
  const replyToId = req.turn.activity.replyToId;
  const outcome = await confirmPromotion(req.deps, req.ctx, requestId, conversationId ? { conversationId, ...(replyToId ? { activityId: replyToId } : {}) } : undefined);
  switch (outcome.kind) {
    case 'refused':
      if (outcome.refusal.kind === 'paused') return pausedConfirmation(req, requestId, outcome.refusal.control);
      return refusalCard(outcome.refusal);
    case 'already_running':
      return runningElsewhere(req, outcome.runId, 'This plan is already running', 'The same promotion was confirmed already; no second run was started.');
    case 'target_busy':
      return runningElsewhere(req, outcome.runId, 'Target busy', 'Another promotion run is active on this target tenant. Wait for it to finish, then regenerate the preflight.');
    case 'started': {
      const { run } = outcome;
      const source = req.ctx.visibleTenants.find((t) => t.id === run.sourceTenantId)!;
      const target = req.ctx.visibleTenants.find((t) => t.id === run.targetTenantId)!;
      const card = runCard(run, source, target);
      return outcome.waitingForWorker ? withNote(card, 'No worker is running right now: this run waits in the queue and starts as soon as a worker is back.') : card;
    }
  }
}

/** The run card with one plain sentence under it, for what the card itself cannot know. */
function withNote(card: CardAttachment, text: string): CardAttachment {
  return { ...card, content: { ...card.content, body: [...(card.content.body ?? []), { type: 'TextBlock', text, wrap: true, weight: 'Bolder', color: 'Warning' }] } };
}

/** The confirmation again, now with the pause banner and the promote action disabled; nothing was started. */
async function pausedConfirmation(req: BotRequest, requestId: string, control: OperationalControl): Promise<CardAttachment> {
  const request = await req.deps.requests.get(req.ctx.workspace.id, requestId);
  if (!request) throw new NotFound('run');
  const { source, target } = resolvePair(req.ctx, request.selection.sourceTenantId, request.selection.targetTenantId);
  const [derived, pause] = await Promise.all([derivePreflight(req.deps, source, target, request.selection), pauseView(req, control)]);
  const { counts } = derived.preflight;
  return confirmCard({
    requestId,
    sourceName: source.displayName,
    targetName: target.displayName,
    selection: request.selection,
    typesText: typesText(request.selection.types),
    readyCount: counts.ready,
    ready: readySubjects(derived.preflight),
    excludedCount: counts.blocked + counts.manualMapping,
    requireSecondApprover: req.ctx.workspace.settings.requireSecondApprover,
    ...(pause ? { pause } : {}),
    preflightFingerprint: request.preflightFingerprint,
  });
}

async function runningElsewhere(req: BotRequest, runId: RunId, title: string, text: string): Promise<CardAttachment> {
  return messageCard({ title, text: `${text} Run ${runId}.`, tone: 'warning', actions: [openRun(runId)] });
}

/** `Cancel`: closes the pending request if the clicker may; nothing was started either way. */
export async function cancelAnswer(req: BotRequest, requestId: string): Promise<CardAttachment> {
  const outcome = await cancelPromotion(req.deps, req.ctx, requestId);
  const pair = `${outcome.source.displayName} to ${outcome.target.displayName}`;
  if (outcome.kind === 'already_closed') {
    return messageCard({
      title: 'Already used',
      text: `This promotion from ${pair} was already confirmed or cancelled, so there is nothing to cancel. Nothing was changed.`,
      tone: 'warning',
      ...(outcome.runId ? { actions: [openRun(outcome.runId)] } : {}),
    });
  }
  return messageCard({ title: 'Promotion cancelled', text: `The promotion from ${pair} was cancelled. Nothing was started and no tenant was changed.`, tone: 'info' });
}
