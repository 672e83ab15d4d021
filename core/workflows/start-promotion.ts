import { blockedReasonText, mappingGapText } from '../preflight/reason-text';
import { randomUUID } from 'node:crypto';
import type { ActorContext } from '../access/actor-context';
import type { Tenant } from '../access/model';
import { requireTenantCapability, requireWorkspaceCapability } from '../access/policy';
import type { CompareSelection } from '../compare/model';
import type { OperationalControl } from '../controls/model';
import { NotFound } from '../errors';
import { RunId } from '../ids';
import { planFromPreflight } from '../promotion/plan';
import type { PromotionRequest, PromotionRequestStore } from '../promotion/request';
import type { ExcludedSubject, PromotionRun } from '../runs/model';
import type { SubjectTypeKey } from '../subjects/subject-type';
import type { WorkerPresence } from '../workers/heartbeats';
import { authorised } from './audit-forbidden';
import { resolvePair } from './compare-tenants';
import type { WorkflowDeps } from './deps';
import { storeAndQueueRun } from './queue-run';
import { derivePreflight, type DerivedPreflight } from './derive-preflight';

export interface PromotionDeps extends WorkflowDeps {
  requests: PromotionRequestStore;
  /** Whether any worker is alive to run a queued run (worker heartbeats). */
  workers: WorkerPresence;
}

/** Why a promotion did not start; each has its own answer in chat. Expected outcomes, not errors. */
export type Refusal =
  | { kind: 'stale_preflight' }
  | { kind: 'nothing_ready' }
  | { kind: 'paused'; control: OperationalControl }
  | { kind: 'approver_must_differ' }
  | { kind: 'request_closed'; runId?: string };

/** What asking to execute produced: a confirmation to show, or a refusal. */
export type RequestOutcome =
  | { kind: 'confirm'; request: PromotionRequest; source: Tenant; target: Tenant; derived: DerivedPreflight; secondApproverRequired: boolean }
  | { kind: 'refused'; refusal: Refusal; source: Tenant; target: Tenant };

/** What confirming produced. */
export type ConfirmOutcome =
  /** `waitingForWorker`: no worker is alive right now; the run stays queued until one starts. */
  | { kind: 'started'; run: PromotionRun; waitingForWorker: boolean }
  | { kind: 'already_running'; runId: RunId }
  | { kind: 'target_busy'; runId: RunId }
  | { kind: 'refused'; refusal: Refusal };

async function authoriseExecute(deps: WorkflowDeps, ctx: ActorContext, selection: { sourceTenantId: string; targetTenantId: string }) {
  const pair = resolvePair(ctx, selection.sourceTenantId, selection.targetTenantId);
  await authorised(deps, ctx, 'promotion.execute', [pair.source.id, pair.target.id], () => {
    requireWorkspaceCapability(ctx.actor, 'WORKSPACE_BASELINES_MANAGE');
    requireTenantCapability(ctx.actor, pair.target.id, 'TENANT_MANAGE');
  });
  return pair;
}

async function refusalBeforeRun(deps: WorkflowDeps, ctx: ActorContext, derived: DerivedPreflight, fingerprint: string): Promise<Refusal | undefined> {
  const control = await deps.controls.get(ctx.workspace.id, 'promotion.execute');
  if (control?.paused) return { kind: 'paused', control };
  if (derived.preflight.fingerprint !== fingerprint) return { kind: 'stale_preflight' };
  if (await writtenSinceObserved(deps, ctx, derived.targetSnapshot)) return { kind: 'stale_preflight' };
  if (derived.preflight.counts.ready === 0) return { kind: 'nothing_ready' };
  return undefined;
}

/**
 * True when a run on the target finished after its snapshot was observed: the snapshot (and so the fingerprint)
 * no longer shows what that run wrote, and confirming the same plan again would run it a second time.
 */
async function writtenSinceObserved(deps: WorkflowDeps, ctx: ActorContext, target: DerivedPreflight['targetSnapshot']): Promise<boolean> {
  const last = (await deps.runs.latestPerTarget(ctx.workspace.id)).get(target.tenantId);
  return last?.finishedAt !== undefined && last.finishedAt.getTime() > target.observedAt.getTime();
}

/** "Execute promotion" on a preflight card: re-checks everything and records a pending request to confirm. */
export async function requestPromotion(
  deps: PromotionDeps,
  ctx: ActorContext,
  input: { sourceTenantId: string; targetTenantId: string; types: SubjectTypeKey[]; includeAssignments: boolean; fingerprint: string; requesterAddress?: { id: string; name: string } },
): Promise<RequestOutcome> {
  const { source, target } = await authoriseExecute(deps, ctx, input);
  const selection: CompareSelection = { sourceTenantId: source.id, targetTenantId: target.id, types: [...new Set(input.types)].sort(), includeAssignments: input.includeAssignments };
  const derived = await derivePreflight(deps, source, target, selection);
  const refusal = await refusalBeforeRun(deps, ctx, derived, input.fingerprint);
  if (refusal) return { kind: 'refused', refusal, source, target };
  const request: PromotionRequest = {
    id: randomUUID(),
    workspaceId: ctx.workspace.id,
    selection,
    preflightFingerprint: derived.preflight.fingerprint,
    requesterId: ctx.actor.id,
    ...(input.requesterAddress ? { requesterAddress: input.requesterAddress } : {}),
    createdAt: deps.now(),
  };
  await deps.requests.insert(request);
  return { kind: 'confirm', request, source, target, derived, secondApproverRequired: ctx.workspace.settings.requireSecondApprover };
}

/**
 * "Confirm" on the confirmation card: re-resolves and re-authorises the approver, re-derives the preflight
 * from current snapshots, then creates exactly one run per plan (the target's run lock decides races).
 */
export async function confirmPromotion(deps: PromotionDeps, ctx: ActorContext, requestId: string, conversation?: PromotionRun['conversation']): Promise<ConfirmOutcome> {
  const request = await deps.requests.get(ctx.workspace.id, requestId);
  // An undo request is confirmed by confirmUndo only.
  if (!request || request.undoes) throw new NotFound('run');
  const { source, target } = await authoriseExecute(deps, ctx, request.selection);
  if (request.closedAt) return refuse(deps, ctx, source, target, { kind: 'request_closed', ...(request.runId ? { runId: request.runId } : {}) });
  if (ctx.workspace.settings.requireSecondApprover && request.requesterId === ctx.actor.id) {
    return refuse(deps, ctx, source, target, { kind: 'approver_must_differ' });
  }
  const derived = await derivePreflight(deps, source, target, request.selection);
  const refusal = await refusalBeforeRun(deps, ctx, derived, request.preflightFingerprint);
  if (refusal) return refuse(deps, ctx, source, target, refusal);

  const plan = planFromPreflight(derived.preflight);
  const runId = RunId(randomUUID());
  const now = deps.now();
  const lock = await deps.runs.acquireLock(target.id, runId, plan.fingerprint, now);
  if (lock.kind === 'same_plan') return { kind: 'already_running', runId: lock.runId };
  if (lock.kind === 'target_busy') return { kind: 'target_busy', runId: lock.runId };

  const run: PromotionRun = {
    id: runId,
    workspaceId: ctx.workspace.id,
    operation: 'promotion.execute',
    selection: request.selection,
    sourceTenantId: source.id,
    targetTenantId: target.id,
    plan,
    excluded: excludedSubjects(derived),
    initiatorId: request.requesterId,
    approverId: ctx.actor.id,
    status: 'queued',
    summary: { total: plan.items.length, processed: 0, succeeded: 0, failed: 0, skipped: 0 },
    ...(conversation ? { conversation: { ...conversation, ...(request.requesterAddress ? { initiator: request.requesterAddress } : {}) } } : {}),
    createdAt: now,
  };
  await storeAndQueueRun(deps, ctx, request.id, run, {
    action: 'promotion.execute.started',
    metadata: { source: source.id, target: target.id, initiator: request.requesterId, approver: ctx.actor.id, ready: plan.items.length, fingerprint: plan.fingerprint },
  });
  return { kind: 'started', run, waitingForWorker: await waitingForWorker(deps.workers) };
}

/**
 * Whether the answer to a queued run should say no worker is alive. The run is queued and audited by then, so a failed
 * look at the heartbeats (a store blip) must not turn "started" into an error answer: it says nothing either way.
 */
export async function waitingForWorker(workers: WorkerPresence): Promise<boolean> {
  return workers.anyAlive().then(
    (alive) => !alive,
    () => false,
  );
}

async function refuse(deps: WorkflowDeps, ctx: ActorContext, source: Tenant, target: Tenant, refusal: Refusal): Promise<ConfirmOutcome> {
  await deps.audit.append({
    workspaceId: ctx.workspace.id,
    at: deps.now(),
    actorId: ctx.actor.id,
    action: 'promotion.execute.refused',
    tenantIds: [source.id, target.id],
    metadata: { reason: refusal.kind, source: source.id, target: target.id },
  });
  return { kind: 'refused', refusal };
}

function excludedSubjects({ preflight }: DerivedPreflight): ExcludedSubject[] {
  const notReady: ExcludedSubject[] = preflight.items
    .filter((i) => i.outcome !== 'ready')
    .map((i) => ({
      type: i.type,
      displayName: i.displayName,
      outcome: i.outcome === 'blocked' ? 'blocked' : 'manual_mapping_required',
      // The preflight card's own sentences: the run detail must not show codes, paths or ids the preflight did not.
      why: i.blockedReason ? blockedReasonText(i.blockedReason) : (i.gaps ?? []).map(mappingGapText).join(' '),
    }));
  const others: ExcludedSubject[] = preflight.excluded.map((e) => ({ type: e.key.type, displayName: e.key.displayName, outcome: 'excluded', why: e.why }));
  return [...notReady, ...others].slice(0, 2000);
}
