import type { AuditLog } from '../core/audit/model';
import type { ConversationStore } from '../core/conversations/model';
import type { WatchDeps } from '../core/workflows/manage-watches';
import type { PromotionDeps } from '../core/workflows/start-promotion';
import type { ExportLinks } from './export-links';

/** Everything the bot's handlers use; assembled once in compose.ts. */
export interface BotDeps extends PromotionDeps, WatchDeps {
  audit: AuditLog;
  conversations: ConversationStore;
  exports: ExportLinks;
  demoMode: boolean;
  log: (msg: string) => void;
}
