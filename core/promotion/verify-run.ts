import type { InventorySubject } from '../inventory/model';
import type { Logger } from '../logging/logger';
import { errorFields } from '../logging/logger';
import type { ItemVerification, RunItemResult } from '../runs/model';
import { SUBJECT_TYPES } from '../subjects/registry';
import { judgeAsWritten } from './in-sync';
import type { ItemContext } from './item-writes';
import type { PlanItem } from './plan';
import { itemTranslator } from './written-content';

/**
 * Reads every succeeded item back from the target and judges it against the source exactly as a compare does
 * (settings and assignments, references by name, the run's reference resolution — managed mappings included — applied),
 * records the verdict on the item (with the differing settings when it is not in sync) and returns how many are In
 * sync: "verified" on the card means the next compare shows them In sync. Verification never writes to a tenant.
 */
export async function verifyRun(
  ctx: Pick<ItemContext, 'reader' | 'source' | 'target' | 'includeAssignments'>,
  items: readonly PlanItem[],
  results: readonly RunItemResult[],
  sources: ReadonlyMap<number, InventorySubject>,
  record: (index: number, verification: ItemVerification, after?: InventorySubject) => Promise<void>,
  logger: Logger,
): Promise<number> {
  let verified = 0;
  for (const result of results) {
    const item = items[result.index];
    if (result.outcome !== 'succeeded' || result.targetId === undefined || !item) continue;
    const { verification, after } = await verifyItem(ctx, item, result.targetId, sources.get(result.index), logger);
    await record(result.index, verification, after);
    if (verification.inSync) verified += 1;
  }
  return verified;
}

async function verifyItem(
  ctx: Pick<ItemContext, 'reader' | 'source' | 'target' | 'includeAssignments'>,
  item: PlanItem,
  targetId: string,
  known: InventorySubject | undefined,
  logger: Logger,
): Promise<{ verification: ItemVerification; after?: InventorySubject }> {
  const type = SUBJECT_TYPES[item.type];
  try {
    const target = await ctx.reader.read(ctx.target, type, targetId);
    if (!target) return { verification: { inSync: false, unreadable: `It could not be found in ${ctx.target.displayName} when read back.` } };
    const source = known ?? (await ctx.reader.read(ctx.source, type, item.sourceId));
    if (!source) return { verification: { inSync: false, unreadable: `It was deleted in ${ctx.source.displayName} since the run read it.` }, after: target };
    const [targetReferences, sourceReferences] = await Promise.all([ctx.reader.references(ctx.target, type), ctx.reader.references(ctx.source, type)]);
    const judged = judgeAsWritten({ type, source, target, toTarget: itemTranslator(item), targetReferences, sourceReferences, includeAssignments: ctx.includeAssignments });
    return { verification: judged.inSync ? { inSync: true } : { inSync: false, differences: judged.differences ?? [] }, after: target };
  } catch (error) {
    logger.warn('run.verification.read_failed', { item: item.displayName, ...errorFields(error) });
    return { verification: { inSync: false, unreadable: `It could not be read back from ${ctx.target.displayName}: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300) } };
  }
}
