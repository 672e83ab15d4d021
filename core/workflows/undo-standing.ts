import type { RunId } from '../ids';
import { TERMINAL_STATUSES } from '../promotion/run-outcome';
import type { PromotionRun } from '../runs/model';
import type { WorkflowDeps } from './deps';

/**
 * Where undoing a run stands, from its latest undo run: not undone; an undo queued or running; undone (the undo run
 * succeeded); or an undo that ended short (failed, or partly succeeded), which may be tried again for what is left:
 * the preview re-reads every item, and what the earlier undo did shows as already undone or gone.
 */
export type UndoStanding =
  | { kind: 'not_undone' }
  | { kind: 'undo_active' | 'undone' | 'undo_ended_short'; undoneBy: RunId };

export async function undoStanding(deps: Pick<WorkflowDeps, 'runs'>, run: PromotionRun): Promise<UndoStanding> {
  if (run.undoneBy === undefined) return { kind: 'not_undone' };
  const undo = await deps.runs.get(run.workspaceId, run.undoneBy);
  const undoneBy = run.undoneBy;
  if (!undo || undo.status === 'succeeded') return { kind: 'undone', undoneBy };
  return TERMINAL_STATUSES.has(undo.status) ? { kind: 'undo_ended_short', undoneBy } : { kind: 'undo_active', undoneBy };
}
