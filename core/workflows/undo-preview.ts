import type { ActorContext } from '../access/actor-context';
import type { Tenant } from '../access/model';
import { requireTenantCapability, requireWorkspaceCapability } from '../access/policy';
import type { OperationalControl } from '../controls/model';
import { Forbidden, NotFound } from '../errors';
import { sha256, canonicalJson } from '../inventory/canonical';
import type { RunId } from '../ids';
import type { PromotionGraph } from '../promotion/promotion-graph';
import { LiveSubjectReader } from '../promotion/read-live-subject';
import { TERMINAL_STATUSES } from '../promotion/run-outcome';
import { decideUndo, wroteSomething, type UndoBlockedItem, type UndoTargetItem } from '../promotion/undo-classify';
import type { ItemJournal } from '../runs/item-journal';
import type { PromotionRun } from '../runs/model';
import { SUBJECT_TYPES } from '../subjects/registry';
import { visibleRun } from './admin-queries';
import { undoStanding } from './undo-standing';
import { authorised } from './audit-forbidden';
import type { WorkflowDeps } from './deps';

/** What undoing needs beyond the chat workflows: the original run's journal and reads of the live target. */
export interface UndoDeps extends WorkflowDeps {
  journal: ItemJournal;
  /** Read only here: the preview never writes; the undo run writes through the worker. */
  graph: PromotionGraph;
}

/** Why a whole run cannot be undone now; each has its own answer. */
export type UndoRunBlock =
  | { kind: 'still_running' }
  | { kind: 'is_undo_run'; undoes: RunId }
  | { kind: 'already_undone'; undoneBy: RunId }
  | { kind: 'undo_running'; undoneBy: RunId }
  | { kind: 'paused'; control: OperationalControl };

/** The undo preview of one finished run: what an undo would delete, restore and leave, read-only. */
export interface UndoPreview {
  run: PromotionRun;
  source: Tenant;
  target: Tenant;
  deletes: UndoTargetItem[];
  restores: UndoTargetItem[];
  blocked: UndoBlockedItem[];
  /** Set when the run as a whole cannot be undone now; the lists are then empty. */
  runBlock?: UndoRunBlock;
  /** Fingerprint of the decisions, so a confirmation taken from an older preview is refused. */
  fingerprint: string;
}

/**
 * Who may undo a run: whoever may promote to its target (baselines manage and manage on the target). A run the
 * actor cannot see, or may not undo, answers exactly like an unknown id (deny-as-not-found); the refusal is audited.
 */
export async function authoriseUndo(deps: Pick<WorkflowDeps, 'runs' | 'audit' | 'now'>, ctx: ActorContext, runId: RunId) {
  const { run, source, target } = await visibleRun(deps, ctx, runId);
  try {
    await authorised(deps, ctx, 'promotion.undo', [source.id, target.id], () => {
      requireWorkspaceCapability(ctx.actor, 'WORKSPACE_BASELINES_MANAGE');
      requireTenantCapability(ctx.actor, target.id, 'TENANT_MANAGE');
    });
  } catch (error) {
    if (error instanceof Forbidden) throw new NotFound('run');
    throw error;
  }
  return { run, source, target };
}

/**
 * The undo preview (read-only): for each item the run wrote, from its journal and a live read of the target,
 * whether an undo deletes it, restores it or leaves it (with the reason). Whole-run blocks come first: promotions
 * paused, the run still running, the run itself an undo, or already undone.
 */
export async function previewUndo(deps: UndoDeps, ctx: ActorContext, runId: RunId): Promise<UndoPreview> {
  const { run, source, target } = await authoriseUndo(deps, ctx, runId);
  const runBlock = await wholeRunBlock(deps, run);
  const empty = { run, source, target, deletes: [], restores: [], blocked: [] };
  if (runBlock) return { ...empty, runBlock, fingerprint: fingerprintOf(empty) };
  const decided = await decideItems(deps, run, target);
  return { run, source, target, ...decided, fingerprint: fingerprintOf(decided) };
}

async function wholeRunBlock(deps: UndoDeps, run: PromotionRun): Promise<UndoRunBlock | undefined> {
  const control = await deps.controls.get(run.workspaceId, 'promotion.execute');
  if (control?.paused) return { kind: 'paused', control };
  if (run.undoes !== undefined) return { kind: 'is_undo_run', undoes: run.undoes };
  if (!TERMINAL_STATUSES.has(run.status)) return { kind: 'still_running' };
  const standing = await undoStanding(deps, run);
  if (standing.kind === 'undo_active') return { kind: 'undo_running', undoneBy: standing.undoneBy };
  if (standing.kind === 'undone') return { kind: 'already_undone', undoneBy: standing.undoneBy };
  return undefined;
}


/** Every item the run wrote, decided in plan order; the live reads share one reader (references read once). */
export async function decideItems(deps: Pick<UndoDeps, 'runs' | 'journal' | 'graph'>, run: PromotionRun, target: Tenant) {
  const reader = new LiveSubjectReader(deps.graph);
  const entries = new Map((await deps.journal.entries(run.id)).map((e) => [e.index, e]));
  const results = (await deps.runs.items(run.id)).items.sort((a, b) => a.index - b.index);
  const deletes: UndoTargetItem[] = [];
  const restores: UndoTargetItem[] = [];
  const blocked: UndoBlockedItem[] = [];
  for (const result of results) {
    const entry = entries.get(result.index);
    if (!wroteSomething(result, entry)) continue;
    const type = SUBJECT_TYPES[result.type];
    const id = entry?.after?.targetId;
    const live = id === undefined || type.notPromotableReason ? null : await reader.read(target, type, id);
    const targetReferences = live ? await reader.references(target, type) : [];
    const decision = decideUndo({ result, entry, type, target, live, targetReferences, includeAssignments: run.plan.includeAssignments });
    if (decision.kind === 'blocked') blocked.push(decision.item);
    else if (decision.kind === 'undo') (decision.item.action === 'delete' ? deletes : restores).push(decision.item);
  }
  return { deletes, restores, blocked };
}

function fingerprintOf(decided: { deletes: UndoTargetItem[]; restores: UndoTargetItem[]; blocked: UndoBlockedItem[] }): string {
  const key = (i: { index: number }) => i.index;
  return sha256(canonicalJson({ deletes: decided.deletes.map(key), restores: decided.restores.map(key), blocked: decided.blocked.map(key) }));
}
