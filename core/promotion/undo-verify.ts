import type { Logger } from '../logging/logger';
import { errorFields } from '../logging/logger';
import type { JournalEntry } from '../runs/item-journal';
import type { ItemVerification, RunItemResult } from '../runs/model';
import { SUBJECT_TYPES } from '../subjects/registry';
import type { ItemContext } from './item-writes';
import type { PlanItem } from './plan';
import { judgeAgainst } from './undo-classify';

/**
 * Reads every undone item back from the target: a deleted subject must be gone, a restored one must equal its
 * before-image in the undone run's journal as the compare judges it (settings, and assignments when the run promoted
 * them). Records the verdict on the item and returns how many hold. Never writes.
 */
export async function verifyUndo(
  ctx: Pick<ItemContext, 'reader' | 'target' | 'includeAssignments'>,
  items: readonly PlanItem[],
  results: readonly RunItemResult[],
  undone: ReadonlyMap<number, JournalEntry>,
  record: (index: number, verification: ItemVerification) => Promise<void>,
  logger: Logger,
): Promise<number> {
  let verified = 0;
  for (const result of results) {
    const item = items[result.index];
    if (result.outcome !== 'succeeded' || !item?.targetId) continue;
    const verification = await verifyOne(ctx, item, item.targetId, undone.get(item.undoOf ?? -1), logger);
    await record(result.index, verification);
    if (verification.inSync) verified += 1;
  }
  return verified;
}

async function verifyOne(ctx: Pick<ItemContext, 'reader' | 'target' | 'includeAssignments'>, item: PlanItem, targetId: string, entry: JournalEntry | undefined, logger: Logger): Promise<ItemVerification> {
  const type = SUBJECT_TYPES[item.type];
  try {
    const live = await ctx.reader.read(ctx.target, type, targetId);
    if (item.action === 'delete') return live ? { inSync: false, unreadable: `It still exists in ${ctx.target.displayName} when read back.` } : { inSync: true };
    const before = entry?.intent?.before;
    if (!live) return { inSync: false, unreadable: `It could not be found in ${ctx.target.displayName} when read back.` };
    if (before?.kind !== 'present') return { inSync: false, unreadable: 'Its before-image is no longer in the journal.' };
    const judged = judgeAgainst(type, before, live, await ctx.reader.references(ctx.target, type), ctx.includeAssignments);
    return judged.inSync ? { inSync: true } : { inSync: false, differences: judged.differences ?? [] };
  } catch (error) {
    logger.warn('run.verification.read_failed', { item: item.displayName, ...errorFields(error) });
    return { inSync: false, unreadable: `It could not be read back from ${ctx.target.displayName}: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300) };
  }
}
