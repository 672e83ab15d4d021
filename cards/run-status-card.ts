import type { RunId } from '../core/ids';
import type { RunStatus, SummaryCounts } from '../core/runs/model';
import { execute, registryData } from './actions';
import { assignmentModeText, RUN_STATUS_LABELS } from './labels';
import { renderCard, type CardAttachment } from './render';
import { summaryFacts } from './summary-facts';
import { directionText } from './tenant-header';
import template from './templates/run-status.json';
import { retryText } from './run-detail-card';
import { clip, shortRunId } from './text';
import type { RegistryData } from './verbs';

/** A run's live state, as the card updated in place during the run shows it. */
export interface RunStatusCardView {
  runId: RunId;
  status: RunStatus;
  sourceName: string;
  targetName: string;
  typesText: string;
  includeAssignments: boolean;
  summary: SummaryCounts;
  /** Promoted subjects read back and found in sync; absent until verification ran. */
  verified?: number;
  /** Subject being written right now, e.g. "Settings catalog · Win11 Baseline". */
  currentItem?: string;
  /** Why the run failed, when it did. */
  failureReason?: string;
  /** Set while the run waits after a passing outage: when it tries again, and why. */
  retry?: { at: Date; reason: string };
  /** For an undo run: the run it undoes (the card is titled "Undo run" and links to it). */
  undoes?: string;
  /** The registry view to return to; the unfiltered first page when absent. */
  registry?: RegistryData;
}

const BAR_STYLE: Record<RunStatus, 'accent' | 'good' | 'warning' | 'attention'> = {
  queued: 'accent',
  running: 'accent',
  succeeded: 'good',
  partially_succeeded: 'warning',
  failed: 'attention',
};

/** The live run card: status, selection, progress bar and counts, `Open run` and `Back to tenants`. */
export function runStatusCard(view: RunStatusCardView): CardAttachment {
  const { processed, total } = view.summary;
  const percent = total > 0 ? Math.min(100, Math.round((processed / total) * 100)) : 0;
  return renderCard(template, {
    title: view.undoes ? 'Undo run' : 'Promotion run',
    status: view.retry ? 'Waiting to retry' : RUN_STATUS_LABELS[view.status].label,
    statusColor: view.retry ? 'accent' : RUN_STATUS_LABELS[view.status].color,
    direction: directionText(view.sourceName, view.targetName),
    failureReason: view.failureReason ? clip(view.failureReason, 400) : '',
    selectionFacts: [
      { title: 'Run', value: shortRunId(view.runId) },
      ...(view.undoes ? [{ title: 'Undoes run', value: shortRunId(view.undoes) }] : []),
      { title: 'Types', value: clip(view.typesText, 300) },
      { title: 'Assignments', value: assignmentModeText(view.includeAssignments) },
    ],
    progressText: `${processed} of ${total} processed (${percent}%)`,
    done: percent,
    remaining: 100 - percent,
    barStyle: BAR_STYLE[view.status],
    currentItem: view.retry ? clip(retryText(view.retry), 400) : view.currentItem ? `Now: ${clip(view.currentItem, 200)}` : '',
    countFacts: summaryFacts(view.summary, view.verified, view.undoes !== undefined),
    actions: [
      execute('Open run', { verb: 'run.open', data: { runId: view.runId, page: 1 } }),
      ...(view.undoes ? [execute('Open undone run', { verb: 'run.open', data: { runId: view.undoes, page: 1 } })] : []),
      execute('Back to tenants', { verb: 'tenants.back', data: registryData(view.registry ?? { filter: '', page: 1 }) }),
    ],
  });
}
