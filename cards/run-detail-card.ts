import type { RunId } from '../core/ids';
import type { ItemOutcome, RunStatus, SummaryCounts } from '../core/runs/model';
import { execute, paging } from './actions';
import { assignmentModeText, ITEM_OUTCOME_LABELS, RUN_STATUS_LABELS } from './labels';
import { renderCard, type CardAttachment } from './render';
import { summaryFacts } from './summary-facts';
import { directionText } from './tenant-header';
import template from './templates/run-detail.json';
import { bounded, cardDateTime, clip, shortRunId } from './text';
import type { PageView, SubjectNoteView } from './view-parts';

/** One recorded item result of a run. */
export interface RunItemView {
  typeLabel: string;
  displayName: string;
  action: 'create' | 'update' | 'delete' | 'restore';
  outcome: ItemOutcome;
  /** Why it failed or was skipped (Graph error explained, changed since preflight...). */
  reason?: string;
  targetId?: string;
  /** Graph never confirmed its write and the target did not show it: shown as "Outcome unknown". */
  outcomeUnknown?: boolean;
  /** The read-back after the run: in sync, or the settings that differ (at most a few shown). */
  verification?: { inSync: boolean; differences?: { path: string; sourceValue?: string; targetValue?: string }[]; unreadable?: string };
}

/** The run detail card: status, timings, counts, the current page of item results, exclusions, tenant links. */
export interface RunDetailCardView {
  runId: RunId;
  status: RunStatus;
  failureReason?: string;
  /** Set while the run waits after a passing outage. */
  retry?: { at: Date; reason: string };
  source: { displayName: string; portalUrl: string };
  target: { displayName: string; portalUrl: string };
  typesText: string;
  includeAssignments: boolean;
  initiatorName: string;
  approverName: string;
  createdAt: Date;
  startedAt?: Date;
  finishedAt?: Date;
  /** e.g. "3 min 12 s"; absent while running. */
  durationText?: string;
  summary: SummaryCounts;
  verified?: number;
  /** Item results of the current page, in plan order. */
  items: RunItemView[];
  page: PageView;
  /** Subjects the run does not touch, and why. */
  excluded: SubjectNoteView[];
  /** Links between a run and its undo: the run this one undoes, or the undo run of this one. */
  undoes?: string;
  undoneBy?: string;
  /** Whether to offer "Undo this run" (finished, not an undo, not undone, and the reader may promote to the target). */
  canUndo?: boolean;
}

/** Most item rows one run detail card shows; the rest are reached by paging. */
export const MAX_ITEM_ROWS = 15;
const MAX_EXCLUDED_ROWS = 8;
const DONE_TEXT = { create: 'Created', update: 'Updated', delete: 'Deleted', restore: 'Restored' } as const;
const INTENT_TEXT = { create: 'Create', update: 'Update', delete: 'Delete', restore: 'Restore' } as const;

function timings(view: RunDetailCardView): { text: string }[] {
  const lines = [`Queued ${cardDateTime(view.createdAt)}`];
  if (view.startedAt) lines.push(`Started ${cardDateTime(view.startedAt)}`);
  if (view.finishedAt) lines.push(`Finished ${cardDateTime(view.finishedAt)}`);
  if (view.durationText) lines.push(`Duration ${view.durationText}`);
  return lines.map((text) => ({ text }));
}

/** The detail card of one promotion run. */
export function runDetailCard(view: RunDetailCardView): CardAttachment {
  const excluded = bounded(view.excluded, MAX_EXCLUDED_ROWS);
  const open = (page: number) => ({ verb: 'run.open' as const, data: { runId: view.runId, page } });
  return renderCard(template, {
    title: `${view.undoes ? 'Undo run' : 'Run'} ${shortRunId(view.runId)}`,
    status: view.retry ? 'Waiting to retry' : RUN_STATUS_LABELS[view.status].label,
    statusColor: view.retry ? 'accent' : RUN_STATUS_LABELS[view.status].color,
    direction: directionText(view.source.displayName, view.target.displayName),
    failureReason: view.failureReason ? clip(view.failureReason, 400) : view.retry ? clip(retryText(view.retry), 400) : '',
    runFacts: [
      ...(view.undoes ? [{ title: 'Undoes run', value: shortRunId(view.undoes) }] : []),
      ...(view.undoneBy ? [{ title: 'Undone by run', value: shortRunId(view.undoneBy) }] : []),
      { title: 'Types', value: clip(view.typesText, 300) },
      { title: 'Assignments', value: assignmentModeText(view.includeAssignments) },
      { title: 'Initiator', value: clip(view.initiatorName, 80) },
      { title: 'Approver', value: clip(view.approverName, 80) },
    ],
    timings: timings(view),
    countFacts: summaryFacts(view.summary, view.verified, view.undoes !== undefined),
    itemsTitle: view.items.length > 0 ? 'Results' : 'No item has been processed yet.',
    items: view.items.slice(0, MAX_ITEM_ROWS).map((item) => ({
      name: `${clip(item.typeLabel, 60)} · ${clip(item.displayName, 120)}`,
      // The row names the subject; its id in the target is for the export and the audit, not for reading.
      detail: item.targetId ? `${DONE_TEXT[item.action]} in ${clip(view.target.displayName, 80)}` : INTENT_TEXT[item.action],
      reason: clip([item.reason, verificationText(item.verification, item.action)].filter(Boolean).join(' '), 480),
      outcome: item.outcomeUnknown ? 'Outcome unknown' : ITEM_OUTCOME_LABELS[item.outcome].label,
      outcomeColor: item.outcomeUnknown ? 'attention' : ITEM_OUTCOME_LABELS[item.outcome].color,
    })),
    paging: paging(view.page, open),
    hasExcluded: excluded.shown.length > 0,
    excludedTitle: `${view.undoes ? 'Not undone' : 'Not promoted'} (${view.excluded.length})`,
    excluded: excluded.shown.map((e) => ({ text: `${clip(e.typeLabel, 60)} · ${clip(e.displayName, 100)}: ${clip(e.why, 200)}` })),
    excludedMore: excluded.more ? `${excluded.more} subjects not promoted` : '',
    links: [
      { title: 'Open source in Intune', url: view.source.portalUrl },
      { title: 'Open target in Intune', url: view.target.portalUrl },
    ],
    actions: [
      execute('Refresh', open(view.page.page)),
      ...(view.canUndo ? [execute('Undo this run', { verb: 'undo.preview', data: { runId: view.runId } }, 'destructive')] : []),
      ...[view.undoes, view.undoneBy].flatMap((id, i) => (id ? [execute(i === 0 ? 'Open undone run' : 'Open undo run', { verb: 'run.open', data: { runId: id, page: 1 } })] : [])),
      execute('Back to runs', { verb: 'runs.page', data: { page: 1 } }),
    ],
  });
}

/** Most differing settings named per item on the card; the compare's Details show them all. */
const MAX_DIFFERENCES_SHOWN = 3;

/**
 * The read-back verdict in words: "Verified in sync" (or, for an undo, "Verified gone" / "Verified restored"), or which
 * settings differ from what the run wrote.
 */
export function verificationText(verification: RunItemView['verification'], action: RunItemView['action'] = 'create'): string {
  if (!verification) return '';
  const undo = action === 'delete' || action === 'restore';
  if (verification.inSync) return action === 'delete' ? 'Verified gone from the target.' : action === 'restore' ? 'Verified restored to its state before the promotion.' : 'Verified in sync.';
  if (verification.unreadable) return `Not verified: ${verification.unreadable}`;
  const [wanted, now] = undo ? ['before the promotion', 'now'] : ['source', 'target'];
  const differences = verification.differences ?? [];
  const shown = differences.slice(0, MAX_DIFFERENCES_SHOWN).map((d) =>
    d.path === 'assignments' ? 'the assignments' : `${clip(d.path, 80)} (${wanted} ${clip(d.sourceValue ?? 'not set', 40)}, ${now} ${clip(d.targetValue ?? 'not set', 40)})`,
  );
  const more = differences.length > shown.length ? ` and ${differences.length - shown.length} more` : '';
  const verdict = action === 'delete' ? 'Still in the target after the undo' : undo ? 'Not as before the promotion after the undo' : 'Not in sync after the run';
  return shown.length > 0 ? `${verdict}: ${shown.join('; ')}${more}.` : `${verdict}.`;
}

/** "Waiting to retry at 10:42 UTC: the database could not be reached." */
export function retryText(retry: { at: Date; reason: string }): string {
  return `Waiting to retry at ${cardDateTime(retry.at)}. ${retry.reason}`;
}
