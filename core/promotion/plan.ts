import type { TenantId } from '../ids';
import type { PromotionPreflight } from '../preflight/model';
import type { SubjectTypeKey } from '../subjects/subject-type';

/** What a run does to one subject: a promotion creates or updates; an undo run deletes or restores. */
export type PlanAction = 'create' | 'update' | 'delete' | 'restore';

/** One ready subject the promotion run will write to the target tenant, or one subject an undo run takes back. */
export interface PlanItem {
  type: SubjectTypeKey;
  displayName: string;
  /** `create` when the target lacks the subject, `update` when it holds a different one; `delete` / `restore` in an undo. */
  action: PlanAction;
  /** For an undo item: its index in the undone run's plan, whose journal holds the before- and after-images. */
  undoOf?: number;
  /** The source subject; empty for an undo item (an undo reads only the target and the undone run's journal). */
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
