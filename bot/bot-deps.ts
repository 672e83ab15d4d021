import type { AuditLog } from '../core/audit/model';
import type { ConversationStore } from '../core/conversations/model';
import type { PromotionDeps } from '../core/workflows/start-promotion';
import type { UndoStartDeps } from '../core/workflows/start-undo';
import type { ExportLinks } from './export-links';

/** Everything the bot's handlers use; assembled once in compose.ts. */
export interface BotDeps extends PromotionDeps, UndoStartDeps {
  audit: AuditLog;
  conversations: ConversationStore;
  exports: ExportLinks;
  demoMode: boolean;
  log: (msg: string) => void;
}
