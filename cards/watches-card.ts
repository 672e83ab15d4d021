import { execute, paging, type ExecuteItem } from './actions';
import { intervalText } from './drift-card';
import { renderCard, type CardAttachment } from './render';
import { directionText } from './tenant-header';
import template from './templates/watches.json';
import { cardDateTime, clip, countOf } from './text';
import type { PageView } from './view-parts';

/** What the last check of a watch did, as the list shows it. */
export type LastCheckView =
  | { outcome: 'none' }
  | { outcome: 'compared'; at: Date; differences: number; posted: boolean }
  | { outcome: 'unreadable'; at: Date; tenantNames: string[] }
  | { outcome: 'paused' | 'failed'; at: Date };

/** One watch as the list shows it. */
export interface WatchRowView {
  watchId: string;
  sourceName: string;
  targetName: string;
  /** e.g. "All types" or "Compliance policy". */
  typesText: string;
  includeAssignments: boolean;
  intervalHours: number;
  /** e.g. "this conversation", "a channel", "a group chat", "Demo Operator's personal chat". */
  whereText: string;
  createdByName: string;
  lastCheck: LastCheckView;
  /** Set while the watch is paused, with why. */
  pausedReason?: string;
}

/** The `watches` card, or the answer to `watch` (title and intro say which). */
export interface WatchesCardView {
  title: string;
  intro: string;
  rows: WatchRowView[];
  page: PageView;
}

/** Most watches one card lists. */
export const MAX_WATCH_ROWS = 8;

function lastCheckText(c: LastCheckView): string {
  switch (c.outcome) {
    case 'none':
      return 'Not checked yet: the first check posts the current state.';
    case 'compared':
      return `Last check ${cardDateTime(c.at)}: ${c.differences === 0 ? 'in sync' : countOf(c.differences, 'difference', 'differences')}${c.posted ? ', posted' : ', no change'}`;
    case 'unreadable':
      return `Last check ${cardDateTime(c.at)}: ${c.tenantNames.map((n) => clip(n, 60)).join(' and ')} could not be read`;
    case 'paused':
      return `Paused at the check of ${cardDateTime(c.at)}`;
    case 'failed':
      return `Last check ${cardDateTime(c.at)} failed; the next one tries again`;
  }
}

/** Watches with their pair, selection, interval, where they post, last check, and Check now / Stop per row. */
export function watchesCard(view: WatchesCardView): CardAttachment {
  return renderCard(template, {
    title: clip(view.title, 120),
    intro: clip(view.intro, 400),
    emptyText: view.rows.length === 0 ? 'No drift watches to show. Start one with watch «source» to «target».' : '',
    rows: view.rows.slice(0, MAX_WATCH_ROWS).map((row) => ({
      direction: directionText(row.sourceName, row.targetName),
      scope: `${clip(row.typesText, 200)} · ${row.includeAssignments ? 'assignments included' : 'assignments not included'} · ${intervalText(row.intervalHours)}`,
      where: `Posts to ${clip(row.whereText, 100)} · created by ${clip(row.createdByName, 60)}`,
      last: lastCheckText(row.lastCheck),
      status: row.pausedReason ? 'Paused' : 'Active',
      statusColor: row.pausedReason ? 'attention' : 'good',
      pausedReason: row.pausedReason ? clip(row.pausedReason, 300) : '',
      actions: [
        ...(row.pausedReason ? [] : [execute('Check now', { verb: 'watch.check', data: { watchId: row.watchId } })]),
        execute('Stop', { verb: 'watch.stop', data: { watchId: row.watchId } }, 'destructive'),
      ] satisfies ExecuteItem[],
    })),
    paging: paging(view.page, (page) => ({ verb: 'watches.page', data: { page } })),
  });
}
