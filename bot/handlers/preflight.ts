import { preflightCard, type BlockedGroupView, type MappingGapView, type MappingUsedView } from '../../cards/preflight-card';
import type { PauseView } from '../../cards/pause-banner';
import type { ReadySubjectView } from '../../cards/ready-list';
import type { CardAttachment } from '../../cards/render';
import type { RegistryData } from '../../cards/verbs';
import { hasTenantCapability, hasWorkspaceCapability } from '../../core/access/policy';
import type { InventorySnapshot } from '../../core/inventory/model';
import type { PromotionPreflight } from '../../core/preflight/model';
import { blockedReasonText, createdFirstText, mappingGapText } from '../../core/preflight/reason-text';
import { REFERENCE_KIND_LABELS } from '../../core/subjects/references';
import { SUBJECT_TYPES } from '../../core/subjects/registry';
import type { DerivedPreflight } from '../../core/workflows/derive-preflight';
import { generatePreflight, type PreflightResult } from '../../core/workflows/generate-preflight';
import type { SubjectTypeKey } from '../../core/subjects/subject-type';
import type { BotRequest } from '../turn';
import { csvExportLink } from '../views/export-link';
import { grantHint } from '../views/grant-hint';
import { pauseView } from '../views/pause-view';
import { tenantView } from '../views/tenant-view';
import { typesText } from './compare';

/**
 * Blocked subjects grouped by reason, largest group first. A subject blocked for a reason of its own (apps chosen by
 * id, a priority taken in the target, a built-in object) is grouped by that reason's words, which say what to do.
 */
export function blockedGroups(preflight: PromotionPreflight): BlockedGroupView[] {
  const groups = new Map<string, BlockedGroupView>();
  for (const item of preflight.items) {
    if (item.outcome !== 'blocked' || !item.blockedReason) continue;
    const own = item.blockedReason === 'subject_not_promotable' && item.blockedDetail ? item.blockedDetail : undefined;
    const key = own === undefined ? item.blockedReason : `${item.blockedReason}:${own}`;
    const group = groups.get(key) ?? { text: own ?? blockedReasonText(item.blockedReason), count: 0, examples: [] };
    group.count += 1;
    if (group.examples.length < 3) group.examples.push(item.displayName);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.text.localeCompare(b.text));
}

/** Each unresolved reference once, with how many subjects wait on it. */
export function mappingGaps(preflight: PromotionPreflight): MappingGapView[] {
  const gaps = new Map<string, MappingGapView>();
  for (const item of preflight.items) {
    for (const gap of item.gaps ?? []) {
      const key = `${gap.kind}:${gap.sourceId}`;
      const view = gaps.get(key) ?? { kind: gap.kind, sourceId: gap.sourceId, text: mappingGapText(gap), subjectCount: 0 };
      view.subjectCount += 1;
      gaps.set(key, view);
    }
  }
  return [...gaps.values()].sort((a, b) => b.subjectCount - a.subjectCount || a.text.localeCompare(b.text));
}

/** Display names of a snapshot's reference objects by kind and id; an unknown object shows its id. */
function referenceNames(snapshot: InventorySnapshot): (kind: string, id: string) => string {
  const names = new Map(snapshot.referenceObjects.map((o) => [`${o.kind}\u0000${o.id}`, o.displayName]));
  return (kind, id) => names.get(`${kind}\u0000${id}`) ?? id;
}

/** Each managed mapping the ready subjects used once, with those subjects, by kind then source name. */
export function mappingsUsed({ preflight, sourceSnapshot, targetSnapshot }: DerivedPreflight): MappingUsedView[] {
  const sourceName = referenceNames(sourceSnapshot);
  const targetName = referenceNames(targetSnapshot);
  const used = new Map<string, MappingUsedView>();
  for (const item of preflight.items) {
    for (const m of item.mappingsUsed ?? []) {
      const key = `${m.kind}:${m.sourceId}`;
      const view = used.get(key) ?? { kindLabel: REFERENCE_KIND_LABELS[m.kind], sourceName: sourceName(m.kind, m.sourceId), targetName: targetName(m.kind, m.targetId), subjectNames: [] };
      view.subjectNames.push(item.displayName);
      used.set(key, view);
    }
  }
  return [...used.values()].sort((a, b) => a.kindLabel.localeCompare(b.kindLabel) || a.sourceName.localeCompare(b.sourceName));
}

/** The subjects a promotion of this preflight would write, in preflight order. */
export function readySubjects(preflight: PromotionPreflight): ReadySubjectView[] {
  return preflight.items
    .filter((i) => i.outcome === 'ready')
    .map((i) => ({
      typeLabel: SUBJECT_TYPES[i.type].label,
      displayName: i.displayName,
      action: i.action,
      ...(i.dependsOn?.length ? { note: createdFirstText(i.dependsOn) } : {}),
    }));
}

/** The preflight card for a result, with the pause banner when promotions are paused. */
export function renderPreflight(req: BotRequest, result: PreflightResult, registry?: RegistryData, pause?: PauseView, grant = ''): CardAttachment {
  const { deps, ctx } = req;
  const now = deps.now();
  const { preflight } = result;
  const { selection } = preflight.compare;
  return preflightCard({
    source: tenantView(result.source, result.sourceSnapshot, now, deps.freshnessMs),
    target: tenantView(result.target, result.targetSnapshot, now, deps.freshnessMs),
    selection,
    typesText: typesText(selection.types),
    counts: preflight.counts,
    blocked: blockedGroups(preflight),
    gaps: mappingGaps(preflight),
    canMap: hasWorkspaceCapability(ctx.actor, 'WORKSPACE_BASELINES_MANAGE'),
    mappingsUsed: mappingsUsed(result),
    excluded: preflight.excluded.map((e) => ({ typeLabel: SUBJECT_TYPES[e.key.type].label, displayName: e.key.displayName, why: e.why })),
    ready: readySubjects(preflight),
    ...(pause ? { pause } : {}),
    execute: result.canExecute.allowed ? { enabled: true } : { enabled: false, reason: `${result.canExecute.reason} ${grant}`.trim() },
    exportUrl: csvExportLink(req, 'preflight', selection),
    compareFingerprint: preflight.compare.fingerprint,
    fingerprint: preflight.fingerprint,
    ...(registry ? { registry } : {}),
  });
}

/** Generates the preflight (re-resolving and re-authorising everything) and renders it. */
export async function preflightAnswer(
  req: BotRequest,
  selection: { sourceTenantId: string; targetTenantId: string; types: SubjectTypeKey[]; includeAssignments: boolean },
  registry?: RegistryData,
): Promise<CardAttachment> {
  const [result, pause] = await Promise.all([generatePreflight(req.deps, req.ctx, selection), pauseView(req)]);
  const lacksRight = !result.canExecute.allowed && !hasTenantCapability(req.ctx.actor, result.target.id, 'TENANT_MANAGE');
  return renderPreflight(req, result, registry, pause, lacksRight ? await grantHint(req) : '');
}
