import type { InventorySubject } from '../inventory/model';
import type { RunItemResult } from '../runs/model';
import { SUBJECT_TYPES } from '../subjects/registry';
import type { PlanItem } from './plan';
import type { ItemContext } from './promote-item';
import { holdsWrittenContent, itemTranslator } from './written-content';

/**
 * How many succeeded items are verified in sync: each is read back from the target and must hold what its write
 * sent for the source subject (references translated, read-only members ignored), plus the translated assignments
 * when they were promoted. `sources` holds source subjects already read in this attempt; others are read again.
 * A subject that cannot be read back counts as not verified; verification never writes.
 */
export async function countVerified(
  ctx: ItemContext,
  items: readonly PlanItem[],
  results: readonly RunItemResult[],
  sources: ReadonlyMap<number, InventorySubject>,
): Promise<number> {
  let verified = 0;
  for (const result of results) {
    const item = items[result.index];
    if (result.outcome !== 'succeeded' || result.targetId === undefined || !item) continue;
    if (await inSync(ctx, item, result.targetId, sources.get(result.index))) verified += 1;
  }
  return verified;
}

async function inSync(ctx: ItemContext, item: PlanItem, targetId: string, known: InventorySubject | undefined): Promise<boolean> {
  const type = SUBJECT_TYPES[item.type];
  try {
    const source = known ?? (await ctx.reader.read(ctx.source, type, item.sourceId));
    const target = await ctx.reader.read(ctx.target, type, targetId);
    return source !== undefined && target !== undefined && holdsWrittenContent(type, item.action, source, target, itemTranslator(item), ctx.includeAssignments);
  } catch {
    return false;
  }
}
