import type { DirectoryStore } from '../access/directory-store';
import type { AuditLog } from '../audit/model';
import type { ControlStore } from '../controls/model';
import type { InventoryRefresher } from '../inventory/refresher';
import type { SnapshotStore } from '../inventory/snapshot-store';
import type { MappingStore } from '../mappings/model';
import type { RunStore } from '../runs/run-store';
import type { PromotionQueue } from './promotion-queue';

/** The ports the chat workflows need; assembled once at start-up. */
export interface WorkflowDeps {
  directory: DirectoryStore;
  snapshots: SnapshotStore;
  runs: RunStore;
  audit: AuditLog;
  controls: ControlStore;
  mappings: MappingStore;
  refresher: InventoryRefresher;
  queue: PromotionQueue;
  /** Snapshots older than this are refreshed before comparing and block promotion. */
  freshnessMs: number;
  /** How long a chat request waits for an inventory refresh before answering with what it has. */
  refreshWaitMs: number;
  now: () => Date;
}
