import type { ActorContext } from '../access/actor-context';
import type { Tenant } from '../access/model';
import { hasTenantCapability, missingCapabilityText, requireWorkspaceCapability } from '../access/policy';
import type { CompareSelection } from '../compare/model';
import type { SubjectTypeKey } from '../subjects/subject-type';
import { authorised } from './audit-forbidden';
import { resolvePair } from './compare-tenants';
import type { WorkflowDeps } from './deps';
import { derivePreflight, type DerivedPreflight } from './derive-preflight';

/** Whether the actor could execute this preflight, and if not, why (for a disabled action). */
export type ExecuteAbility = { allowed: true } | { allowed: false; reason: string };

export interface PreflightResult extends DerivedPreflight {
  source: Tenant;
  target: Tenant;
  canExecute: ExecuteAbility;
}

/** Generates the read-only promotion preflight (needs baselines manage) and audits it. Writes nothing to any tenant. */
export async function generatePreflight(
  deps: WorkflowDeps,
  ctx: ActorContext,
  request: { sourceTenantId: string; targetTenantId: string; types: SubjectTypeKey[]; includeAssignments: boolean },
): Promise<PreflightResult> {
  const { source, target } = resolvePair(ctx, request.sourceTenantId, request.targetTenantId);
  await authorised(deps, ctx, 'promotion.preflight', [source.id, target.id], () =>
    requireWorkspaceCapability(ctx.actor, 'WORKSPACE_BASELINES_MANAGE'),
  );
  const selection: CompareSelection = {
    sourceTenantId: source.id,
    targetTenantId: target.id,
    types: [...new Set(request.types)].sort(),
    includeAssignments: request.includeAssignments,
  };
  const derived = await derivePreflight(deps, source, target, selection);
  const { counts, fingerprint } = derived.preflight;
  await deps.audit.append({
    workspaceId: ctx.workspace.id,
    at: deps.now(),
    actorId: ctx.actor.id,
    action: 'promotion.preflight.generated',
    tenantIds: [source.id, target.id],
    metadata: {
      source: source.id,
      target: target.id,
      types: selection.types,
      includeAssignments: selection.includeAssignments,
      ready: counts.ready,
      blocked: counts.blocked,
      manualMapping: counts.manualMapping,
      inSync: counts.inSync,
      fingerprint,
    },
  });
  return { ...derived, source, target, canExecute: executeAbility(ctx, target, counts.ready) };
}

/** The execute action's state for this actor; mirrors the checks the confirm makes again on the server. */
export function executeAbility(ctx: ActorContext, target: Tenant, ready: number): ExecuteAbility {
  if (!hasTenantCapability(ctx.actor, target.id, 'TENANT_MANAGE')) return { allowed: false, reason: missingCapabilityText('TENANT_MANAGE') };
  if (ready === 0) return { allowed: false, reason: 'Nothing is ready to promote.' };
  return { allowed: true };
}
