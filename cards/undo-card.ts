import { execute, type ExecuteItem } from './actions';
import { renderCard, type CardAttachment } from './render';
import { directionText } from './tenant-header';
import previewTemplate from './templates/undo-preview.json';
import confirmTemplate from './templates/undo-confirm.json';
import { bounded, clip, shortRunId } from './text';

/** One subject of an undo preview. */
export interface UndoSubjectView {
  typeLabel: string;
  displayName: string;
}

/** The undo preview: what undoing a run deletes, restores and leaves, or why the run cannot be undone now. */
export interface UndoPreviewCardView {
  runId: string;
  sourceName: string;
  targetName: string;
  deletes: UndoSubjectView[];
  restores: UndoSubjectView[];
  blocked: (UndoSubjectView & { reason: string })[];
  /** Set when the whole run cannot be undone now; the actions then only open runs. */
  runBlock?: { title: string; text: string; openRunId?: string; openTitle?: string };
  fingerprint: string;
}

/** Rows each list shows before "+N more". */
export const MAX_UNDO_ROWS = 15;

const subjectText = (s: UndoSubjectView) => `${clip(s.displayName, 100)} · ${s.typeLabel}`;

/** The undo preview card: counts in the preflight's FactSet style, the three lists, `Undo` when there is something to undo. */
export function undoPreviewCard(view: UndoPreviewCardView): CardAttachment {
  const deletes = bounded(view.deletes, MAX_UNDO_ROWS);
  const restores = bounded(view.restores, MAX_UNDO_ROWS);
  const blocked = bounded(view.blocked, MAX_UNDO_ROWS);
  const canUndo = !view.runBlock && view.deletes.length + view.restores.length > 0;
  const actions: ExecuteItem[] = [
    ...(canUndo ? [execute('Undo', { verb: 'undo.request', data: { runId: view.runId, previewFingerprint: view.fingerprint } }, 'destructive')] : []),
    execute('Open run', { verb: 'run.open', data: { runId: view.runId, page: 1 } }),
    ...(view.runBlock?.openRunId ? [execute(view.runBlock.openTitle ?? 'Open run', { verb: 'run.open', data: { runId: view.runBlock.openRunId, page: 1 } })] : []),
  ];
  return renderCard(previewTemplate, {
    direction: directionText(view.sourceName, view.targetName),
    runText: `Run ${shortRunId(view.runId)}`,
    runBlocked: Boolean(view.runBlock),
    runBlockTitle: clip(view.runBlock?.title ?? '', 120),
    runBlockText: clip(view.runBlock?.text ?? '', 600),
    facts: [
      { title: 'Delete', value: String(view.deletes.length) },
      { title: 'Restore', value: String(view.restores.length) },
      { title: 'Blocked', value: String(view.blocked.length) },
    ],
    hasDeletes: view.deletes.length > 0,
    deletes: deletes.shown.map((s) => ({ text: subjectText(s) })),
    deletesMore: deletes.more ?? '',
    hasRestores: view.restores.length > 0,
    restores: restores.shown.map((s) => ({ text: subjectText(s) })),
    restoresMore: restores.more ?? '',
    hasBlocked: view.blocked.length > 0,
    blocked: blocked.shown.map((s) => ({ headline: subjectText(s), reason: clip(s.reason, 400) })),
    blockedMore: blocked.more ?? '',
    readOnlyText: `Read-only: nothing was changed. Only ${clip(view.targetName, 80)} would be changed by an undo; ${clip(view.sourceName, 80)} is never touched.`,
    actions,
  });
}

/** What the undo confirmation names before anything is written. */
export interface UndoConfirmCardView {
  requestId: string;
  runId: string;
  sourceName: string;
  targetName: string;
  deleteCount: number;
  restoreCount: number;
  blockedCount: number;
  requireSecondApprover: boolean;
  fingerprint: string;
}

/** The undo confirmation: target, delete and restore counts, what stays, `Confirm` and `Cancel`. */
export function undoConfirmCard(view: UndoConfirmCardView): CardAttachment {
  const target = clip(view.targetName, 80);
  const data = { requestId: view.requestId, runId: view.runId };
  return renderCard(confirmTemplate, {
    runText: `Undo run ${shortRunId(view.runId)} (${directionText(view.sourceName, view.targetName)})`,
    facts: [
      { title: 'Target', value: target },
      { title: 'Delete', value: String(view.deleteCount) },
      { title: 'Restore', value: String(view.restoreCount) },
      { title: 'Stays as it is (blocked)', value: String(view.blockedCount) },
    ],
    onlyTargetChanged: `Only ${target} is changed. ${clip(view.sourceName, 80)} is never touched. An undo run cannot itself be undone.`,
    secondApprover: view.requireSecondApprover,
    fingerprintText: `Undo preview ${view.fingerprint.slice(0, 12)}`,
    actions: [execute('Confirm', { verb: 'undo.confirm', data }, 'destructive'), execute('Cancel', { verb: 'undo.cancel', data })],
  });
}
