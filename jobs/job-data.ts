import { z } from 'zod';

/** Job names; the only ones this product queues. */
export const JOB_NAMES = { promotionExecute: 'promotion.execute', promotionWatchdog: 'promotion.watchdog', inventorySync: 'inventory.sync' } as const;

/** Data of a `promotion.execute` job: the run id only; the worker loads and re-checks everything else. */
export const PromotionJobData = z.object({ runId: z.string().uuid() });

/** Data of an `inventory.sync` job: one tenant, or every registered tenant (the schedule). */
export const InventorySyncJobData = z.union([
  z.object({ workspaceId: z.string().min(1), tenantId: z.string().min(1) }),
  z.object({ all: z.literal(true) }),
]);
export type InventorySyncJobData = z.infer<typeof InventorySyncJobData>;
