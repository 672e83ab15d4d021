import type { TenantId } from '../ids';
import type { PreflightItem, PromotionPreflight } from '../preflight/model';
import type { ReferenceKind } from '../subjects/references';
import type { SubjectTypeKey } from '../subjects/subject-type';

/** What a run does to one subject: a promotion creates or updates; an undo run deletes or restores. */
export type PlanAction = 'create' | 'update' | 'delete' | 'restore';

/**
 * An earlier item of the same plan that must succeed before this one starts. In a promotion it creates an object this
 * item references, whose new target id the reference resolves to; in an undo run (`usedBy`) it is a subject that uses
 * this one and is taken back first, since an object still in use is not deleted.
 */
export interface PlanDependency {
  /** Index in the plan of the earlier item; always smaller than the dependant's. */
  index: number;
  /** Kind of the referenced object. */
  kind: ReferenceKind;
  /** Source tenant's id of the referenced object (the key of the dependant's reference). */
  sourceId: string;
  /** The referenced object's display name; with `usedBy`, the name of the subject that uses this one. */
  displayName: string;
  /** Set in an undo run: the earlier item uses this item's object. */
  usedBy?: true;
}

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
  /** Source reference id → target id, for every reference the write must translate (except those of `dependsOn`). */
  referenceMap: Record<string, string>;
  /** References to objects created earlier in the same run: the item starts only once those succeeded. */
  dependsOn?: PlanDependency[];
}

/** The ready subjects of one preflight, with that preflight's fingerprint (a stale plan is detected by comparing it). */
export interface PromotionPlan {
  fingerprint: string;
  sourceTenantId: TenantId;
  targetTenantId: TenantId;
  includeAssignments: boolean;
  items: PlanItem[];
}

/**
 * Builds the plan from READY items only (blocked and manual-mapping subjects never appear), in preflight order except
 * that a subject another one depends on comes before it: what is referenced is written before what references it.
 */
export function planFromPreflight(preflight: PromotionPreflight): PromotionPlan {
  const { selection } = preflight.compare;
  const ordered = referencedFirst(preflight.items.filter((item) => item.outcome === 'ready'));
  const indexOf = new Map(ordered.map((item, index) => [subjectKey(item.type, item.sourceId), index]));
  return {
    fingerprint: preflight.fingerprint,
    sourceTenantId: selection.sourceTenantId,
    targetTenantId: selection.targetTenantId,
    includeAssignments: selection.includeAssignments,
    items: ordered.map((item) => ({
      type: item.type,
      displayName: item.displayName,
      action: item.action,
      sourceId: item.sourceId,
      ...(item.targetId !== undefined ? { targetId: item.targetId } : {}),
      sourceHash: item.sourceHash,
      ...(item.targetHash !== undefined ? { targetHash: item.targetHash } : {}),
      referenceMap: { ...(item.referenceMap ?? {}) },
      ...(item.dependsOn?.length
        ? {
            dependsOn: item.dependsOn.map((d) => ({
              index: indexOf.get(subjectKey(d.type, d.sourceId))!,
              kind: d.kind,
              sourceId: d.sourceId,
              displayName: d.sourceName,
            })),
          }
        : {}),
    })),
  };
}

const subjectKey = (type: string, sourceId: string) => `${type}\u0000${sourceId}`;

/** The items with each one's dependencies placed before it (depth first), otherwise in the order given. */
function referencedFirst(ready: readonly PreflightItem[]): PreflightItem[] {
  const byKey = new Map(ready.map((item) => [subjectKey(item.type, item.sourceId), item]));
  const placed = new Set<PreflightItem>();
  const order: PreflightItem[] = [];
  const place = (item: PreflightItem, path: ReadonlySet<PreflightItem>) => {
    if (placed.has(item)) return;
    if (path.has(item)) throw new Error(`The preflight's dependencies form a cycle at ${item.type} "${item.displayName}".`);
    for (const dependency of item.dependsOn ?? []) {
      const referenced = byKey.get(subjectKey(dependency.type, dependency.sourceId));
      if (!referenced) throw new Error(`${item.type} "${item.displayName}" depends on ${dependency.type} "${dependency.sourceName}", which is not ready.`);
      place(referenced, new Set([...path, item]));
    }
    placed.add(item);
    order.push(item);
  };
  for (const item of ready) place(item, new Set());
  return order;
}
