import type { AuditLog } from '../core/audit/model';
import type { ConversationStore } from '../core/conversations/model';
import type { TenantLoadSummary } from '../core/graph-sandbox/load-warnings';
import type { PromotionDeps } from '../core/workflows/start-promotion';
import type { ExportLinks } from './export-links';

/** Everything the bot's handlers use; assembled once in compose.ts. */
export interface BotDeps extends PromotionDeps {
  audit: AuditLog;
  conversations: ConversationStore;
  exports: ExportLinks;
  demoMode: boolean;
  /** Demo mode: per tenant id, the files its sandbox folder held and how many gave nothing (shown on the tenants card). */
  sandboxFiles?: ReadonlyMap<string, TenantLoadSummary>;
  log: (msg: string) => void;
}
