import type { InventorySnapshot, InventorySubject, SnapshotFreshness } from '../inventory/model';
import type { SubjectTypeKey } from '../subjects/subject-type';
import { evidenceDetail } from './evidence';
import type { BlockedReason } from './model';
import { secretDetail } from './secret-text';

/** One subject about to be promoted: the source subject, the target tenant's inventory, and create or update. */
export interface SubjectInContext {
  source: InventorySubject;
  target: InventorySnapshot;
  action: 'create' | 'update';
}

/**
 * Answer of the caller's type registry: may this type be written to a target tenant? Given a subject too: may this
 * subject be written into this target (a built-in or default object, an untranslatable value, a taken priority)?
 */
export type PromotabilityCheck = (type: SubjectTypeKey, subject?: SubjectInContext) => { promotable: true } | { promotable: false; reason: string };

/** What the blocking rules look at for one subject to promote. */
export interface BlockingContext {
  displayName: string;
  /** Every source subject with this identity (more than one means duplicate names). */
  sources: InventorySubject[];
  /** Every target subject with this identity. */
  targets: InventorySubject[];
  evidence: Record<'source' | 'target', { snapshot: InventorySnapshot; freshness: SnapshotFreshness }>;
  isPromotable: PromotabilityCheck;
}

type Rule = { reason: BlockedReason; detail: (ctx: BlockingContext) => string | undefined };

const SIDES = ['source', 'target'] as const;

function evidenceRule(freshness: SnapshotFreshness) {
  return (ctx: BlockingContext) => {
    const side = SIDES.find((s) => ctx.evidence[s].freshness === freshness);
    return side && evidenceDetail(side, ctx.evidence[side].snapshot, freshness);
  };
}

function duplicates(side: 'source' | 'target') {
  return (ctx: BlockingContext) => {
    const subjects = ctx[side === 'source' ? 'sources' : 'targets'];
    if (subjects.length < 2) return undefined;
    const ids = subjects
      .map((s) => s.graphId)
      .sort()
      .join(', ');
    return `${subjects.length} subjects named "${ctx.displayName}" exist in the ${side} tenant (ids ${ids}).`;
  };
}

/** The rules in precedence order: the first that applies is the reason shown. */
export const BLOCKING_RULES: readonly Rule[] = [
  { reason: 'missing_evidence', detail: evidenceRule('missing') },
  { reason: 'stale_evidence', detail: evidenceRule('stale') },
  { reason: 'duplicate_name_in_source', detail: duplicates('source') },
  { reason: 'duplicate_name_in_target', detail: duplicates('target') },
  {
    reason: 'type_not_promotable',
    detail: (ctx) => {
      const answer = ctx.isPromotable(ctx.sources[0]!.type);
      return answer.promotable ? undefined : answer.reason;
    },
  },
  {
    reason: 'provided_by_microsoft',
    detail: ({ displayName, sources: [s], targets }) => {
      const side = s?.providedByMicrosoft ? 'source' : targets.some((t) => t.providedByMicrosoft) ? 'target' : undefined;
      return side && `"${displayName}" in the ${side} tenant is provided by Microsoft in every tenant; it cannot be created or changed, so recreate your own copy under another name if you need one.`;
    },
  },
  {
    reason: 'subject_not_promotable',
    detail: (ctx) => {
      const source = ctx.sources[0]!;
      const action = ctx.targets.length > 0 ? 'update' : 'create';
      const answer = ctx.isPromotable(source.type, { source, target: ctx.evidence.target.snapshot, action });
      return answer.promotable ? undefined : answer.reason;
    },
  },
  {
    reason: 'identity_conflict',
    detail: ({ sources: [s], targets }) => {
      const t = targets.length === 1 ? targets[0] : undefined;
      return t && s && t.kindKey !== s.kindKey
        ? `Source kind is ${s.kindKey}; target kind is ${t.kindKey}.`
        : undefined;
    },
  },
  {
    reason: 'secret_bearing_payload',
    detail: ({ sources: [s] }) => {
      // Values Graph returns in clear through a documented read are read again when the run writes them.
      const unreadable = s ? s.secretPaths.filter((path) => !(s.readableSecretPaths ?? []).includes(path)) : [];
      return s && unreadable.length > 0 ? secretDetail(s.payload, unreadable) : undefined;
    },
  },
];

/** The first blocking rule that applies, with its detail; undefined when nothing blocks the subject. */
export function firstBlock(ctx: BlockingContext): { reason: BlockedReason; detail: string } | undefined {
  for (const rule of BLOCKING_RULES) {
    const detail = rule.detail(ctx);
    if (detail !== undefined) return { reason: rule.reason, detail };
  }
  return undefined;
}
