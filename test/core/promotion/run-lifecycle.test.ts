import { describe, expect, it } from 'vitest';
import { TenantUnreachable } from '../../../core/errors';
import { executeRun } from '../../../core/promotion/execute-run';
import { orphanedRuns } from '../../../core/promotion/orphaned-runs';
import type { PromotionRun } from '../../../core/runs/model';
import type { RunStore } from '../../../core/runs/run-store';
import type { RunLease } from '../../../core/runs/run-lease';
import { expireLeases } from '../../support/executor-faults';
import { PATHS, queueRun, restrictions, RUN_CLOCK, seedBaselineSubjects, SOURCE, TARGET, usePromotionWorld, WORKSPACE } from '../../support/promotion-fixtures';

const suite = usePromotionWorld('run-lifecycle', seedBaselineSubjects);

const stored = async (run: PromotionRun) => (await suite.world.runs.get(WORKSPACE, run.id))!;
const completedAudits = async () => (await suite.world.audit.list(WORKSPACE, { offset: 0, limit: 50 })).events.filter((e) => e.action === 'promotion.execute.completed');
const targetIsFree = async () => (await suite.world.runs.acquireLock(TARGET.id, 'probe' as never, 'probe', RUN_CLOCK)).kind === 'acquired';

/** A MongoDB driver error as the driver raises it when no server can be reached. */
function storeDown(): Error {
  const error = new Error('Server selection timed out after 30000 ms');
  error.name = 'MongoServerSelectionError';
  return error;
}

/** The run store, with `recordItem` failing as given from its `from`-th call on (1-based). */
function failingRecord(runs: RunStore, error: () => Error, from = 1): RunStore {
  let calls = 0;
  return Object.assign(Object.create(runs) as RunStore, {
    recordItem: async (result: Parameters<RunStore['recordItem']>[0]) => {
      if (++calls >= from) throw error();
      return runs.recordItem(result);
    },
  });
}

describe('promotion run: no run is left running', () => {
  it('ends a run that hits an unexpected error failed, with its audit, the final message and the target released', async () => {
    const run = await queueRun(suite.world);
    const outcome = await executeRun({ ...suite.world.deps, runs: failingRecord(suite.world.runs, () => new TypeError('cannot read properties of undefined'), 2) }, run.id);

    expect(outcome).toEqual({ kind: 'finished', status: expect.stringMatching(/failed|partially_succeeded/) });
    const finished = await stored(run);
    expect(finished.status).not.toBe('running');
    expect(finished.failureReason).toMatch(/^Stopped after 1 of 3 subjects\. The run stopped on an unexpected error/);
    expect(await completedAudits()).toEqual([expect.objectContaining({ metadata: expect.objectContaining({ runId: run.id, reason: expect.any(String) }) })]);
    expect(suite.world.progress.completions.map((r) => r.id)).toEqual([run.id]);
    expect(await targetIsFree()).toBe(true);
  });

  it('waits to retry after the database became unreachable, shows it on the run, and finishes when executed again', async () => {
    const run = await queueRun(suite.world);
    const outcome = await executeRun({ ...suite.world.deps, runs: failingRecord(suite.world.runs, storeDown) }, run.id);

    expect(outcome).toMatchObject({ kind: 'retry_later', attempt: 1, reason: 'The TenantAtlas database could not be reached.' });
    const waiting = await stored(run);
    expect(waiting.status).toBe('running');
    expect(waiting.retry).toMatchObject({ attempt: 1, reason: 'The TenantAtlas database could not be reached.' });
    expect(suite.world.progress.updates.at(-1)).toBeDefined();
    expect(await completedAudits()).toEqual([]);

    const again = await executeRun(suite.world.deps, run.id);
    expect(again).toEqual({ kind: 'finished', status: 'succeeded' });
    const finished = await stored(run);
    expect(finished.retry).toBeUndefined();
    expect(finished.summary).toMatchObject({ total: 3, succeeded: 3 });
    const writes = suite.world.graph.writes(TARGET.id).map((w) => JSON.stringify(w));
    expect(new Set(writes).size).toBe(writes.length);
  });

  it('waits to retry instead of failing items while Microsoft Graph keeps failing in a passing way', async () => {
    const run = await queueRun(suite.world);
    const graph = Object.assign(Object.create(suite.world.graph) as typeof suite.world.graph, {
      request: async (tenant: Parameters<typeof suite.world.graph.request>[0], spec: Parameters<typeof suite.world.graph.request>[1]) => {
        if (tenant.id === TARGET.id) throw new TenantUnreachable('Microsoft Graph answered 503 for GET in tenant Contoso Production (4 attempts).', 503);
        return suite.world.graph.request(tenant, spec);
      },
    });
    const outcome = await executeRun({ ...suite.world.deps, graph }, run.id);
    expect(outcome).toMatchObject({ kind: 'retry_later' });
    expect((await suite.world.runs.items(run.id)).items).toEqual([]);
    expect((await stored(run)).retry?.reason).toContain('Microsoft Graph did not answer');
  });

  it('ends the run failed once every retry is used up, saying so', async () => {
    const run = await queueRun(suite.world);
    const deps = { ...suite.world.deps, runs: failingRecord(suite.world.runs, storeDown) };
    const outcomes = [];
    for (let i = 0; i < 3; i++) outcomes.push((await executeRun(deps, run.id)).kind);
    expect(outcomes).toEqual(['retry_later', 'retry_later', 'finished']);
    const finished = await stored(run);
    expect(finished.status).toBe('failed');
    expect(finished.failureReason).toContain('kept failing after every retry');
    expect(await targetIsFree()).toBe(true);
  });
});

describe('promotion run: the lease', () => {
  it('stops before its next write when it cannot renew its lease, and another worker finishes the run', async () => {
    const run = await queueRun(suite.world);
    const broken: RunLease = Object.assign(Object.create(suite.world.deps.lease) as RunLease, {
      renew: async () => {
        throw storeDown();
      },
    });
    let time = 0;
    const slowGraph = Object.assign(Object.create(suite.world.graph) as typeof suite.world.graph, {
      request: async (tenant: Parameters<typeof suite.world.graph.request>[0], spec: Parameters<typeof suite.world.graph.request>[1]) => {
        // Each request takes "a third of the lease": renewals fail meanwhile, so coverage runs out after the first item.
        time += suite.world.deps.settings.leaseMs / 3;
        return suite.world.graph.request(tenant, spec);
      },
    });
    const outcome = await executeRun({ ...suite.world.deps, lease: broken, graph: slowGraph, clock: () => time }, run.id);
    expect(outcome).toEqual({ kind: 'lease_lost' });
    // The items it stopped in the middle of are left to the next holder, not recorded as failed.
    expect((await suite.world.runs.items(run.id)).items.filter((i) => i.outcome !== 'succeeded')).toEqual([]);
    const writtenBeforeStop = suite.world.graph.writes(TARGET.id).length;
    expect(writtenBeforeStop).toBeLessThan(5);

    await expireLeases(suite.db);
    expect(await orphanedRuns(suite.world.deps, RUN_CLOCK, 60_000)).toEqual([run.id]);
    expect(await executeRun(suite.world.deps, run.id)).toEqual({ kind: 'finished', status: 'succeeded' });
    const writes = suite.world.graph.writes(TARGET.id).map((w) => JSON.stringify(w));
    expect(new Set(writes).size).toBe(writes.length);
    expect(suite.world.graph.objects(TARGET.id, PATHS.settingsCatalog)).toHaveLength(1);
  });

  it('leaves an item it was cut off in the middle of to the next holder, unrecorded, instead of failing it', async () => {
    const run = await queueRun(suite.world);
    let time = 0;
    const journal = suite.world.deps.journal;
    // Renewals fail, and the time between an item's intent and its write outlasts what the last renewal covered.
    const slowJournal = Object.assign(Object.create(journal) as typeof journal, {
      recordIntent: async (...args: Parameters<typeof journal.recordIntent>) => {
        const recorded = await journal.recordIntent(...args);
        time += suite.world.deps.settings.leaseMs;
        return recorded;
      },
    });
    const broken: RunLease = Object.assign(Object.create(suite.world.deps.lease) as RunLease, { renew: async () => { throw storeDown(); } });
    expect(await executeRun({ ...suite.world.deps, journal: slowJournal, lease: broken, clock: () => time }, run.id)).toEqual({ kind: 'lease_lost' });
    expect((await suite.world.runs.items(run.id)).items).toEqual([]);
    expect(suite.world.graph.writes(TARGET.id)).toEqual([]);

    await expireLeases(suite.db);
    expect(await executeRun(suite.world.deps, run.id)).toMatchObject({ kind: 'finished' });
    // The stop came before any request went out and the intent was taken back: nothing is left uncertain.
    const items = (await suite.world.runs.items(run.id)).items;
    expect(items.filter((i) => i.outcome !== 'succeeded')).toEqual([]);
  });

  it('hands a running run back at once on shutdown, so another worker resumes it without waiting for the lease', async () => {
    const run = await queueRun(suite.world);
    const shutdown = new AbortController();
    shutdown.abort();
    expect(await executeRun(suite.world.deps, run.id, { signal: shutdown.signal })).toEqual({ kind: 'handed_back' });
    expect(await executeRun({ ...suite.world.deps, settings: { ...suite.world.deps.settings, owner: 'next-worker' } }, run.id)).toEqual({ kind: 'finished', status: 'succeeded' });
  });

  it('lets the items under way finish when shut down mid-run, then hands the rest back without an unknown outcome', async () => {
    // More items than run at once, so some are still to start when the shutdown comes.
    for (let i = 0; i < 6; i++) suite.world.graph.seed(SOURCE.id, PATHS.deviceConfiguration, restrictions(`s-dc-extra-${i}`, `Extra ${i}`, { cameraBlocked: true }));
    const run = await queueRun(suite.world);
    const shutdown = new AbortController();
    const graph = Object.assign(Object.create(suite.world.graph) as typeof suite.world.graph, {
      request: async (tenant: Parameters<typeof suite.world.graph.request>[0], spec: Parameters<typeof suite.world.graph.request>[1]) => {
        if (spec.method !== 'GET') shutdown.abort();
        return suite.world.graph.request(tenant, spec);
      },
    });
    expect(await executeRun({ ...suite.world.deps, graph }, run.id, { signal: shutdown.signal })).toEqual({ kind: 'handed_back' });
    const recordedAtHandBack = (await suite.world.runs.items(run.id)).total;
    expect(recordedAtHandBack).toBeGreaterThan(0);
    expect(recordedAtHandBack).toBeLessThan(9);
    expect(await executeRun(suite.world.deps, run.id)).toEqual({ kind: 'finished', status: 'succeeded' });
    const items = (await suite.world.runs.items(run.id)).items;
    expect(items.filter((i) => i.outcomeUnknown)).toEqual([]);
    const writes = suite.world.graph.writes(TARGET.id).map((w) => JSON.stringify(w));
    expect(new Set(writes).size).toBe(writes.length);
  });

  it('lists as orphaned only active runs whose lease ran out or that no worker started within the grace period', async () => {
    const live = await queueRun(suite.world);
    expect(await orphanedRuns(suite.world.deps, RUN_CLOCK, 60_000)).toEqual([]);
    expect(await orphanedRuns(suite.world.deps, new Date(RUN_CLOCK.getTime() + 61_000), 60_000)).toEqual([live.id]);
    await suite.world.deps.lease.acquire(live.id, 'busy-worker', 60_000, RUN_CLOCK);
    expect(await orphanedRuns(suite.world.deps, new Date(RUN_CLOCK.getTime() + 30_000), 60_000)).toEqual([]);
    expect(await orphanedRuns(suite.world.deps, new Date(RUN_CLOCK.getTime() + 60_000), 60_000)).toEqual([live.id]);
    await expireLeases(suite.db);
    expect(await executeRun(suite.world.deps, live.id)).toMatchObject({ kind: 'finished' });
    expect(await orphanedRuns(suite.world.deps, new Date(RUN_CLOCK.getTime() + 600_000), 60_000)).toEqual([]);
  });
});
