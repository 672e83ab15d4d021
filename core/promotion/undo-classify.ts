import type { Tenant } from '../access/model';
import type { SettingDifference } from '../compare/model';
import type { InventorySubject } from '../inventory/model';
import type { JournalEntry } from '../runs/item-journal';
import type { RunItemResult } from '../runs/model';
import type { ReferenceObject } from '../subjects/references';
import type { SubjectType, SubjectTypeKey } from '../subjects/subject-type';
import { judgeAsWritten } from './in-sync';

/** What undoing one item of a run does: delete what the run created, or write the before-image back. */
export type UndoAction = 'delete' | 'restore';

/** One subject an undo will change in the target. */
export interface UndoTargetItem {
  /** Index of the item in the original run's plan. */
  index: number;
  type: SubjectTypeKey;
  displayName: string;
  action: UndoAction;
  targetId: string;
}

/** One subject the run wrote that an undo leaves as it is, and why, in operator words. */
export interface UndoBlockedItem {
  index: number;
  type: SubjectTypeKey;
  displayName: string;
  reason: string;
  /** When someone changed it since the run: the settings that differ from what the run wrote (run value → now). */
  differences?: SettingDifference[];
}

export type UndoDecision = { kind: 'undo'; item: UndoTargetItem } | { kind: 'blocked'; item: UndoBlockedItem } | { kind: 'untouched' };

/** References in the after- and before-images are already the target's ids: they translate to themselves. */
export const identityTranslator = (ref: { id: string }) => ref.id;

/** Whether an item's journal says the run wrote something to the target that an undo would have to take back. */
export function wroteSomething(result: RunItemResult, entry: JournalEntry | undefined): boolean {
  if (result.outcome === 'succeeded') return true;
  return entry?.intent !== undefined && result.outcome === 'failed';
}

/**
 * Decides what undoing one item means, from the original run's journal and the live target object (read by the
 * caller with the after-image's id): delete a subject the run created and nobody changed since, restore one it
 * updated to its before-image, or leave it with the reason. "Changed since" is judged as the compare judges it.
 */
export function decideUndo(input: {
  result: RunItemResult;
  entry: JournalEntry | undefined;
  type: SubjectType;
  target: Pick<Tenant, 'displayName'>;
  /** The live object, `undefined` when it is gone; `null` when nothing was read (no id to read). */
  live: InventorySubject | undefined | null;
  targetReferences: readonly ReferenceObject[];
  includeAssignments: boolean;
}): UndoDecision {
  const { result, entry, type, target, live } = input;
  if (!wroteSomething(result, entry)) return { kind: 'untouched' };
  const blocked = (reason: string, differences?: SettingDifference[]): UndoDecision => ({
    kind: 'blocked',
    item: { index: result.index, type: result.type, displayName: result.displayName, reason, ...(differences ? { differences } : {}) },
  });
  const intent = entry?.intent;
  if (result.outcomeUnknown || !intent) return blocked('No before-image: the run never learned whether its write happened (outcome unknown).');
  if (result.outcome !== 'succeeded') return blocked('The run\'s write failed part-way, so what it left cannot be told from its journal.');
  if (type.notPromotableReason) return blocked(`${type.label} cannot be restored: ${type.notPromotableReason}`);
  if (intent.before.kind === 'present' && type.findSecrets(intent.before.payload).length > 0) {
    return blocked('Its settings before the run hold secret values Microsoft Graph does not return, so they cannot be written back.');
  }
  const targetId = intent.before.kind === 'absent' ? entry.createdId : intent.before.targetId;
  if (targetId === undefined) return blocked('The run did not record the id of the object it created.');
  if (!entry.after) return blocked('It was not read back after the run, so a change since cannot be ruled out.');
  if (live === undefined) return blocked(`Deleted in ${target.displayName} since the run.`);
  if (live === null) return blocked('It could not be read from the target.');
  // After an undo that ended short, what it restored already holds the before-image: nothing is left to undo.
  if (intent.before.kind === 'present' && judgeAgainst(type, intent.before, live, input.targetReferences, input.includeAssignments).inSync) {
    return blocked(`Already as it was before the run in ${target.displayName}.`);
  }
  const since = judgeAgainst(type, entry.after, live, input.targetReferences, input.includeAssignments);
  if (!since.inSync) {
    const names = (since.differences ?? []).map((d) => d.path);
    return blocked(`Changed in ${target.displayName} since the run wrote it${names.length ? `: ${names.join(', ')}` : ''}.`, since.differences ?? []);
  }
  const action: UndoAction = intent.before.kind === 'absent' ? 'delete' : 'restore';
  return { kind: 'undo', item: { index: result.index, type: result.type, displayName: result.displayName, action, targetId } };
}

/**
 * Judges a live target object against an image of the same object (payload and assignments, in the target's own
 * ids) exactly as the compare does: what verification uses to tell "in sync", with an identity translation.
 */
export function judgeAgainst(
  type: SubjectType,
  image: { payload: Record<string, unknown>; assignments: Record<string, unknown>[] },
  live: InventorySubject,
  targetReferences: readonly ReferenceObject[],
  includeAssignments: boolean,
) {
  const expected: InventorySubject = { ...live, payload: image.payload, assignments: image.assignments };
  return judgeAsWritten({ type, source: expected, target: live, toTarget: identityTranslator, targetReferences, includeAssignments });
}
