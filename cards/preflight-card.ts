import type { CompareSelection } from '../core/compare/model';
import type { PreflightCounts } from '../core/preflight/model';
import type { ReferenceKind } from '../core/subjects/references';
import { execute, guarded, registryData, selectionData } from './actions';
import { assignmentModeText } from './labels';
import { PAUSED_REASON, pauseBanner, type PauseView } from './pause-banner';
import { readyList, type ReadySubjectView } from './ready-list';
import { renderCard, type CardAttachment } from './render';
import { directionText, tenantColumns } from './tenant-header';
import template from './templates/preflight.json';
import { bounded, clip, countOf } from './text';
import type { RegistryData } from './verbs';
import type { Availability, SubjectNoteView, TenantView } from './view-parts';

/** One blocked reason with the number of subjects it blocks. */
export interface BlockedGroupView {
  /** Readable sentence for the reason. */
  text: string;
  count: number;
  /** A few of the blocked subjects' names. */
  examples: string[];
}

/** One reference that cannot be resolved in the target. */
export interface MappingGapView {
  kind: ReferenceKind;
  /** Source-tenant id of the referenced object (identifies the gap in `Map` actions). */
  sourceId: string;
  /** Readable sentence naming the kind, the object and the problem. */
  text: string;
  /** Number of subjects waiting on this reference. */
  subjectCount: number;
}

/** A managed mapping the preflight used to resolve a reference of ready subjects. */
export interface MappingUsedView {
  /** e.g. "Group". */
  kindLabel: string;
  sourceName: string;
  targetName: string;
  /** Ready subjects whose reference it resolved. */
  subjectNames: string[];
}

/** The preflight card: counts per outcome, why subjects are blocked or need mapping, and whether to execute. */
export interface PreflightCardView {
  source: TenantView;
  target: TenantView;
  selection: CompareSelection;
  typesText: string;
  counts: PreflightCounts;
  blocked: BlockedGroupView[];
  gaps: MappingGapView[];
  /** Whether each gap gets a `Map` action. */
  canMap: boolean;
  /** Managed mappings that resolved references of ready subjects; none when absent. */
  mappingsUsed?: MappingUsedView[];
  /** Subjects excluded from promotion that are neither blocked nor manual (only in target, ambiguous). */
  excluded: SubjectNoteView[];
  /** The subjects a promotion would write, in preflight order. */
  ready?: ReadySubjectView[];
  /** Set while an admin has paused promotions: shown as a banner, and `Execute promotion` is disabled. */
  pause?: PauseView;
  /** Whether `Execute promotion` is offered, or why not (nothing ready, missing rights...). */
  execute: Availability;
  exportUrl?: string;
  compareFingerprint: string;
  fingerprint: string;
  /** Set when the flow started in the tenant registry; carried on so later cards lead back there. */
  registry?: RegistryData;
}

/** Most gaps, blocked groups and excluded subjects the card lists; the rest are counted. */
export const MAX_GAP_ROWS = 8;
const MAX_BLOCKED_GROUPS = 8;
const MAX_EXCLUDED_ROWS = 5;
const MAX_MAPPINGS_USED = 8;
const MAX_EXAMPLES = 3;

/** The promotion preflight card with `Execute promotion` as its one primary action. */
export function preflightCard(view: PreflightCardView): CardAttachment {
  const selection = selectionData(view.selection);
  const registry = view.registry && registryData(view.registry);
  const blocked = bounded(view.blocked, MAX_BLOCKED_GROUPS);
  const gaps = bounded(view.gaps, MAX_GAP_ROWS);
  const excluded = bounded(view.excluded, MAX_EXCLUDED_ROWS);
  const used = bounded(view.mappingsUsed ?? [], MAX_MAPPINGS_USED);
  const fingerprints = { compareFingerprint: view.compareFingerprint, preflightFingerprint: view.fingerprint };
  const availability: Availability = view.pause ? { enabled: false, reason: PAUSED_REASON } : view.execute;
  return renderCard(template, {
    direction: directionText(view.source.displayName, view.target.displayName),
    pause: pauseBanner(view.pause),
    ready: readyList(view.ready ?? [], view.target.displayName),
    tenants: tenantColumns(view.source, view.target),
    selectionText: `Types: ${clip(view.typesText, 300)} · ${assignmentModeText(view.selection.includeAssignments)}`,
    facts: [
      { title: 'Ready', value: String(view.counts.ready) },
      { title: 'Blocked', value: String(view.counts.blocked) },
      { title: 'Manual mapping', value: String(view.counts.manualMapping) },
      { title: 'In sync', value: String(view.counts.inSync) },
    ],
    hasBlocked: blocked.shown.length > 0,
    blocked: blocked.shown.map((g) => ({
      headline: `${countOf(g.count, 'subject', 'subjects')}: ${clip(g.text, 240)}`,
      examples: g.examples.length > 0 ? `e.g. ${g.examples.slice(0, MAX_EXAMPLES).map((e) => clip(e, 60)).join(', ')}` : '',
    })),
    blockedMore: blocked.more ? `${blocked.more} reasons` : '',
    hasGaps: gaps.shown.length > 0,
    canMap: view.canMap,
    gaps: gaps.shown.map((g) => ({
      text: clip(g.text, 240),
      usage: `Needed by ${countOf(g.subjectCount, 'subject', 'subjects')}`,
      map: execute('Map', { verb: 'mapping.open', data: { selection, ...fingerprints, kind: g.kind, sourceId: g.sourceId } }),
    })),
    gapsMore: gaps.more ? `${gaps.more} references to map; export the preflight for the full list.` : '',
    hasMappingsUsed: used.shown.length > 0,
    mappingsUsed: used.shown.map((m) => {
      const names = bounded(m.subjectNames, MAX_EXAMPLES);
      return {
        text: `${clip(m.kindLabel, 40)} "${clip(m.sourceName, 100)}" → "${clip(m.targetName, 100)}"`,
        usage: names.shown.length === 0 ? '' : `Used by ${names.shown.map((n) => clip(n, 60)).join(', ')}${names.more ? ` and ${names.more.slice(1)}` : ''}`,
      };
    }),
    mappingsUsedMore: used.more ? `${used.more} mappings used` : '',
    hasExcluded: excluded.shown.length > 0,
    excluded: excluded.shown.map((e) => ({ text: `${clip(e.typeLabel, 60)} · ${clip(e.displayName, 100)}: ${clip(e.why, 200)}` })),
    excludedMore: excluded.more ? `${excluded.more} excluded subjects` : '',
    primary: guarded('Execute promotion', { verb: 'preflight.execute', data: { selection, preflightFingerprint: view.fingerprint, registry } }, availability, 'positive'),
    exportUrl: view.exportUrl ?? '',
    back: execute('Back to compare', { verb: 'compare.refresh', data: { selection, registry } }),
    detailsText: `Details: preflight ${view.fingerprint.slice(0, 12)} from compare ${view.compareFingerprint.slice(0, 12)}`,
  });
}
