import type { TenantId } from '../ids';
import type { PromotionPreflight } from '../preflight/model';
import type { SubjectTypeKey } from '../subjects/subject-type';

/** One ready subject the promotion run will write to the target tenant. */
export interface PlanItem {
  type: SubjectTypeKey;
  displayName: string;
  /** `create` when the target lacks the subject, `update` when it holds a different one. */
  action: 'create' | 'update';
  sourceId: string;
  targetId?: string;
  /** State hash of the source subject at preflight time (content, plus assignments when included). */
  sourceHash: string;
  /** State hash of the target subject at preflight time, for updates. */
  targetHash?: string;
  /** Source reference id → target id, for every reference the write must translate. */
  referenceMap: Record<string, string>;
}

/** The ready subjects of one preflight, with that preflight's fingerprint (a stale plan is detected by comparing it). */
export interface PromotionPlan {
  fingerprint: string;
  sourceTenantId: TenantId;
  targetTenantId: TenantId;
  includeAssignments: boolean;
  items: PlanItem[];
}

/** Builds the plan from READY items only, in preflight order; blocked and manual-mapping subjects never appear. */
export function planFromPreflight(preflight: PromotionPreflight): PromotionPlan {
  const { selection } = preflight.compare;
  return {
    fingerprint: preflight.fingerprint,
    sourceTenantId: selection.sourceTenantId,
    targetTenantId: selection.targetTenantId,
    includeAssignments: selection.includeAssignments,
    items: preflight.items
      .filter((item) => item.outcome === 'ready')
      .map((item) => ({
        type: item.type,
        displayName: item.displayName,
        action: item.action,
        sourceId: item.sourceId,
        ...(item.targetId !== undefined ? { targetId: item.targetId } : {}),
        sourceHash: item.sourceHash,
        ...(item.targetHash !== undefined ? { targetHash: item.targetHash } : {}),
        referenceMap: { ...(item.referenceMap ?? {}) },
      })),
  };
}
