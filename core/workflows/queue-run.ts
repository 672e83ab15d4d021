import type { ActorContext } from '../access/actor-context';
import type { AuditMetadata } from '../audit/model';
import type { PromotionRequestStore } from '../promotion/request';
import type { PromotionRun } from '../runs/model';
import type { WorkflowDeps } from './deps';

/**
 * Stores a confirmed run whose target lock the caller holds, then closes its request, audits the start and queues it.
 * `alongside` records what belongs with the run (an undone run's link to its undo); if storing fails, the lock is
 * released so the target is not left busy with nothing running.
 */
export async function storeAndQueueRun(
  deps: Pick<WorkflowDeps, 'runs' | 'audit' | 'queue'> & { requests: PromotionRequestStore },
  ctx: ActorContext,
  requestId: string,
  run: PromotionRun,
  started: { action: 'promotion.execute.started' | 'promotion.undo.started'; metadata: AuditMetadata },
  alongside?: () => Promise<void>,
): Promise<void> {
  try {
    await deps.runs.insert(run);
    await alongside?.();
  } catch (error) {
    await deps.runs.releaseLock(run.targetTenantId, run.id);
    throw error;
  }
  await deps.requests.close(ctx.workspace.id, requestId, run.createdAt, run.id);
  await deps.audit.append({
    workspaceId: ctx.workspace.id,
    at: run.createdAt,
    actorId: ctx.actor.id,
    action: started.action,
    tenantIds: [run.sourceTenantId, run.targetTenantId],
    metadata: { runId: run.id, ...started.metadata },
  });
  await deps.queue.enqueue(run.id);
}
