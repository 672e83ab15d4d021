// One watch check as the worker runs it, on MongoDB and the fake Graph of the executor suites.
import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../../../core/logging/logger';
import { InlineInventoryRefresher } from '../../../core/inventory/inline-refresher';
import { ensureIndexes } from '../../../core/store/collections';
import { MongoSnapshotStore } from '../../../core/store/mongo-snapshot-store';
import { MongoWatchStore } from '../../../core/store/mongo-watch-store';
import { SUBJECT_TYPES } from '../../../core/subjects/registry';
import { checkWatch, type WatchCheckDeps } from '../../../core/workflows/check-watch';
import { RecordingPoster } from '../../support/drift-fixtures';
import { compliance, INITIATOR, PATHS, SOURCE, TARGET, usePromotionWorld } from '../../support/promotion-fixtures';
import { makeWatch } from '../../support/store-fixtures';

const env = usePromotionWorld('check-watch', (world) => {
  world.graph
    .seed(SOURCE.id, PATHS.compliancePolicy, compliance('s-cp-1', 'Win - Compliance Baseline', { passwordMinimumLength: 12 }))
    .seed(TARGET.id, PATHS.compliancePolicy, compliance('t-cp-1', 'Win - Compliance Baseline', { passwordMinimumLength: 12 }));
});

async function setUp() {
  await ensureIndexes(env.db);
  const poster = new RecordingPoster();
  const watches = new MongoWatchStore(env.db);
  const snapshots = new MongoSnapshotStore(env.db);
  let clock = Date.now();
  const now = () => new Date((clock += 1_000));
  const deps: WatchCheckDeps = {
    directory: env.world.directory,
    snapshots,
    refresher: new InlineInventoryRefresher({ directory: env.world.directory, graph: env.world.graph, snapshots, types: Object.values(SUBJECT_TYPES), now }),
    watches,
    poster,
    audit: env.world.audit,
    freshnessMs: 24 * 3_600_000,
    refreshWaitMs: 0,
    leaseMs: 60_000,
    owner: 'worker-test',
    now,
    log: memoryLogger(),
  };
  const watch = makeWatch({ workspaceId: SOURCE.workspaceId, source: SOURCE.id, target: TARGET.id }, { createdBy: INITIATOR });
  await watches.insert(watch);
  const check = () => checkWatch(deps, { workspaceId: watch.workspaceId, watchId: watch.id });
  return { deps, poster, watches, watch, check };
}

describe('one check of a drift watch', () => {
  it('a post the channel refused is posted again at the next check, and then not again', async () => {
    const { poster, check, watch } = await setUp();
    expect(await check()).toBe('posted'); // baseline: in sync
    env.world.graph.seed(TARGET.id, PATHS.compliancePolicy, compliance('t-cp-2', 'Win - Compliance Finance', { passwordMinimumLength: 6 }));
    poster.fail = true;
    expect(await check()).toBe('post_failed');
    poster.fail = false;
    expect(await check()).toBe('posted');
    expect(await check()).toBe('unchanged');
    expect(poster.of(watch.id).map((p) => p.message.kind)).toEqual(['baseline', 'drift']);
    const drift = poster.of(watch.id)[1]!.message;
    expect(drift.kind === 'drift' && drift.changes).toEqual([{ kind: 'new', type: 'compliancePolicy', displayName: 'Win - Compliance Finance', state: 'only_in_target' }]);
  });

  it('a check of a watch another worker holds does nothing', async () => {
    const { deps, poster, check, watch } = await setUp();
    await deps.watches.claim(watch.workspaceId, watch.id, { owner: 'other-worker', now: new Date(), leaseMs: 60_000 });
    expect(await check()).toBe('not_claimed');
    expect(poster.posts).toEqual([]);
  });

  it('a check that outlasted its lease while another worker took the watch over posts nothing', async () => {
    const { deps, poster, check, watch } = await setUp();
    // The check's reads take longer than the lease: by the time it would post, another worker holds the watch.
    const slowRefresh = deps.refresher.refresh.bind(deps.refresher);
    deps.refresher = {
      ...deps.refresher,
      refresh: async (...args: Parameters<typeof slowRefresh>) => {
        const done = await slowRefresh(...args);
        await env.db.collection('watches').updateOne({ _id: watch.id as never }, { $set: { 'lease.owner': 'other-worker', 'lease.until': new Date('2999-01-01T00:00:00Z') } });
        return done;
      },
    };
    expect(await check()).toBe('lease_lost');
    expect(poster.posts).toEqual([]);
  });

  it('a creator who left the workspace pauses the watch and it says so once', async () => {
    const { poster, check, watches, watch } = await setUp();
    await env.db.collection('memberships').deleteMany({ actorId: INITIATOR });
    expect(await check()).toBe('paused');
    expect(await check()).toBe('not_claimed');
    expect(poster.of(watch.id).map((p) => p.message.kind)).toEqual(['paused']);
    expect(await watches.get(watch.workspaceId, watch.id)).toMatchObject({ status: 'paused', pausedReason: expect.stringContaining('The member who created this watch can no longer compare these tenants') });
  });
});
