import type { RunId } from '../core/ids';
import type { RunStatus, SummaryCounts } from '../core/runs/model';
import { execute, paging } from './actions';
import { RUN_STATUS_LABELS } from './labels';
import { pauseBanner, type PauseView } from './pause-banner';
import { renderCard, type CardAttachment } from './render';
import { directionText } from './tenant-header';
import template from './templates/runs.json';
import { cardDateTime, clip, shortRunId } from './text';
import type { PageView } from './view-parts';

/** One row of the run history. */
export interface RunRowView {
  runId: RunId;
  status: RunStatus;
  sourceName: string;
  targetName: string;
  summary: SummaryCounts;
  initiatorName: string;
  approverName: string;
  createdAt: Date;
  startedAt?: Date;
  /** An undo run: labelled "Undo" in the list. */
  undo?: boolean;
  /** e.g. "3 min 12 s"; absent while the run is active. */
  durationText?: string;
}

/** The run history card: newest first, one page, and the pause banner when promotions are paused. */
export interface RunsCardView {
  rows: RunRowView[];
  page: PageView;
  /** The filters of the `runs` command, echoed in the paging actions. */
  filter: { tenantId?: string; status?: RunStatus };
  /** e.g. "for Contoso Production · status failed"; empty when unfiltered. */
  filterText: string;
  pause?: PauseView;
}

/** Most runs one card lists. */
export const MAX_RUN_ROWS = 10;

function countsText({ total, succeeded, failed, skipped }: SummaryCounts): string {
  return `${total} total · ${succeeded} succeeded · ${failed} failed · ${skipped} skipped`;
}

/** The `runs` card: status, source → target, counts, people, start and duration per run, with Previous/Next. */
export function runsCard(view: RunsCardView): CardAttachment {
  return renderCard(template, {
    filterText: clip(view.filterText, 200),
    ...pauseBanner(view.pause),
    emptyText: view.rows.length === 0 ? 'No promotion runs to show.' : '',
    rows: view.rows.slice(0, MAX_RUN_ROWS).map((row) => ({
      direction: `${row.undo ? 'Undo · ' : ''}${directionText(row.sourceName, row.targetName)}`,
      counts: countsText(row.summary),
      people: `By ${clip(row.initiatorName, 60)} · approved by ${clip(row.approverName, 60)}`,
      when: [
        `Run ${shortRunId(row.runId)}`,
        row.startedAt ? `Started ${cardDateTime(row.startedAt)}` : `Queued ${cardDateTime(row.createdAt)}`,
        ...(row.durationText ? [row.durationText] : []),
      ].join(' · '),
      status: RUN_STATUS_LABELS[row.status].label,
      statusColor: RUN_STATUS_LABELS[row.status].color,
      open: execute('Open', { verb: 'run.open', data: { runId: row.runId, page: 1 } }),
    })),
    paging: paging(view.page, (page) => ({ verb: 'runs.page', data: { page, ...view.filter } })),
  });
}
