// Shared pieces of the drift watch tests: a poster that records what it would post, and a worker's drift jobs.
import type { Agenda } from 'agenda';
import type { Db } from 'mongodb';
import { memoryLogger } from '../../core/logging/logger';
import { MongoAuditLog } from '../../core/store/mongo-audit-log';
import { MongoSnapshotStore } from '../../core/store/mongo-snapshot-store';
import { MongoWatchStore } from '../../core/store/mongo-watch-store';
import type { DriftPost, DriftPoster } from '../../core/watches/drift-poster';
import type { WatchConversation } from '../../core/watches/model';
import { defineDriftJobs, startDriftSweep } from '../../jobs/drift-jobs';
import { createScheduler } from '../../jobs/scheduler';
import type { PromotionWorld } from './promotion-fixtures';

/** Records every post with the conversation it went to; `fail` makes the next posts fail. */
export class RecordingPoster implements DriftPoster {
  readonly posts: { conversation: WatchConversation; post: DriftPost }[] = [];
  fail = false;

  async post(conversation: WatchConversation, post: DriftPost): Promise<'posted' | 'failed'> {
    if (this.fail) return 'failed';
    this.posts.push({ conversation, post: structuredClone(post) });
    return 'posted';
  }

  /** Posts that went to one watch. */
  of(watchId: string): DriftPost[] {
    return this.posts.filter((p) => p.post.watchId === watchId).map((p) => p.post);
  }
}

/** One worker process's drift jobs on `db`, over the executor world's directory and fake Graph; not started yet. */
export function driftWorker(db: Db, world: PromotionWorld, poster: DriftPoster, name: string) {
  const agenda: Agenda = createScheduler(db, { name, processEveryMs: 100, promotionLockLifetimeMs: 60_000 });
  const log = memoryLogger();
  defineDriftJobs(agenda, {
    watches: new MongoWatchStore(db),
    directory: world.directory,
    snapshots: new MongoSnapshotStore(db),
    inventoryGraph: world.graph,
    poster,
    audit: new MongoAuditLog(db),
    freshnessMs: 24 * 3_600_000,
    checkLeaseMs: 60_000,
    sweepIntervalSeconds: 1,
    log,
    now: () => new Date(),
  });
  return {
    agenda,
    log,
    /** Watch ids of the checks this worker actually ran (claimed), one entry per check. */
    checksRun: () => log.lines.filter((l) => l.event === 'drift.check.done' && l.fields.outcome !== 'not_claimed').map((l) => String(l.fields.watchId)),
    start: async () => {
      await agenda.start();
      await startDriftSweep(agenda, { sweepIntervalSeconds: 1, log });
    },
  };
}

/** The Graph id of a sandbox tenant's object, read over HTTP as any Graph client would. */
export async function sandboxObjectId(graphBaseUrl: string, tenantId: string, collection: string, displayName: string): Promise<string> {
  const res = await fetch(`${graphBaseUrl}/beta/deviceManagement/${collection}?$top=100`, { headers: { authorization: `Bearer sandbox-token-${tenantId}-1` } });
  const page = (await res.json()) as { value: { id: string; displayName: string }[] };
  const found = page.value.find((o) => o.displayName === displayName);
  if (!found) throw new Error(`no ${collection} named "${displayName}" in sandbox tenant ${tenantId}`);
  return found.id;
}

/** Changes an object in a sandbox tenant with a Graph PATCH over HTTP, as an admin in the Intune portal would. */
export async function patchSandboxObject(graphBaseUrl: string, tenantId: string, collection: string, id: string, body: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${graphBaseUrl}/beta/deviceManagement/${collection}/${id}`, {
    method: 'PATCH',
    headers: { authorization: `Bearer sandbox-token-${tenantId}-1`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`PATCH ${collection}/${id} answered ${res.status}: ${await res.text()}`);
}
