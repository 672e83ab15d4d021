import type { AuditLog } from '../core/audit/model';
import type { ConversationStore } from '../core/conversations/model';
import type { Logger } from '../core/logging/logger';
import type { TenantLoadSummary } from '../core/graph-sandbox/load-warnings';
import type { WatchDeps } from '../core/workflows/manage-watches';
import type { PromotionDeps } from '../core/workflows/start-promotion';
import type { UndoStartDeps } from '../core/workflows/start-undo';
import type { ExportLinks } from './export-links';

/** Everything the bot's handlers use; assembled once in compose.ts. */
export interface BotDeps extends PromotionDeps, UndoStartDeps, WatchDeps {
  audit: AuditLog;
  conversations: ConversationStore;
  exports: ExportLinks;
  demoMode: boolean;
  /** Structured log: caught errors are logged here once, with their ids and no secret. */
  logger: Logger;
  /** Demo mode: per tenant id, the files its sandbox folder held and how many gave nothing (shown on the tenants card). */
  sandboxFiles?: ReadonlyMap<string, TenantLoadSummary>;
  /** A plain line at info level on `logger`, for callers that have no ids to add. */
  log: (msg: string) => void;
}
