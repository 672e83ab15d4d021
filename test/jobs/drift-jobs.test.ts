// Drift watches scheduled by Agenda on the run's MongoDB: two worker processes share one database, and a watch
// outlives the worker that was running when it was created.
import { afterEach, describe, expect, it } from 'vitest';
import type { Agenda } from 'agenda';
import { MongoWatchStore } from '../../core/store/mongo-watch-store';
import type { Watch } from '../../core/watches/model';
import { ensureIndexes } from '../../core/store/collections';
import { driftWorker, RecordingPoster } from '../support/drift-fixtures';
import { INITIATOR, SOURCE, TARGET, usePromotionWorld } from '../support/promotion-fixtures';
import { makeWatch } from '../support/store-fixtures';

const started: Agenda[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((a) => a.drain(5_000).then(() => a.stop())));
});

const env = usePromotionWorld('drift-jobs', undefined);

async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const countBy = (ids: string[]) => ids.reduce<Record<string, number>>((acc, id) => ({ ...acc, [id]: (acc[id] ?? 0) + 1 }), {});

async function insertWatches(count: number, overrides: Partial<Watch> = {}): Promise<Watch[]> {
  await ensureIndexes(env.db);
  const store = new MongoWatchStore(env.db);
  const watches = Array.from({ length: count }, () =>
    makeWatch({ workspaceId: SOURCE.workspaceId, source: SOURCE.id, target: TARGET.id }, { createdBy: INITIATOR, nextCheckAt: new Date(), ...overrides }),
  );
  for (const w of watches) await store.insert(w);
  return watches;
}

describe('drift watch scheduling', () => {
  it('with two worker processes, each due check runs once and the baseline is posted once per watch', async () => {
    const poster = new RecordingPoster();
    env.world.graph.seed(SOURCE.id, '/beta/deviceManagement/deviceConfigurations', { id: 's-dc-1', displayName: 'Win - Device Restrictions', '@odata.type': '#microsoft.graph.windows10GeneralConfiguration', passwordMinimumLength: 12 });
    const watches = await insertWatches(6);
    const workers = ['worker-a', 'worker-b'].map((name) => driftWorker(env.db, env.world, poster, name));
    started.push(...workers.map((w) => w.agenda));
    await Promise.all(workers.map((w) => w.start()));
    const store = new MongoWatchStore(env.db);
    const checked = async (after: number) => (await store.list(SOURCE.workspaceId)).every((w) => (w.lastCheck?.at.getTime() ?? 0) > after);

    await waitFor(() => checked(0));
    await sleep(2_500); // more sweeps and polls: a second run of any check would show up now
    const firstRound = countBy(workers.flatMap((w) => w.checksRun()));
    expect(firstRound).toEqual(Object.fromEntries(watches.map((w) => [w.id, 1])));
    for (const w of watches) expect(poster.of(w.id).map((p) => p.message.kind)).toEqual(['baseline']);
    console.log(`[drift] checks per worker: ${JSON.stringify(workers.map((w) => w.checksRun().length))}`);

    const secondAt = Date.now();
    const due = new Date();
    await env.db.collection('watches').updateMany({}, { $set: { nextCheckAt: due } }); // a day passes
    // Duplicates of every due check, as a sweep racing another sweep could queue them: the watch's lease still runs each once.
    for (const w of workers) for (const watch of watches) await w.agenda.now('drift.check', { workspaceId: watch.workspaceId, watchId: watch.id, due: due.toISOString() });
    await waitFor(() => checked(secondAt));
    await sleep(2_500);
    expect(countBy(workers.flatMap((w) => w.checksRun()))).toEqual(Object.fromEntries(watches.map((w) => [w.id, 2])));
    expect(poster.posts).toHaveLength(watches.length); // nothing changed: nothing more posted
    for (const w of await store.list(SOURCE.workspaceId)) expect(w.nextCheckAt.getTime()).toBeGreaterThan(Date.now() + 23 * 3_600_000);
    expect(await env.db.collection('agendaJobs').countDocuments({ name: 'drift.check' })).toBe(0); // finished checks leave no job behind
  });

  it('a watch stored while one worker ran is checked by the worker started after it stopped', async () => {
    const poster = new RecordingPoster();
    const first = driftWorker(env.db, env.world, poster, 'before-restart');
    await first.start();
    const [watch] = await insertWatches(1, { nextCheckAt: new Date(Date.now() + 3_000) });
    await first.agenda.drain(5_000);
    await first.agenda.stop();
    expect(first.checksRun()).toEqual([]);

    const second = driftWorker(env.db, env.world, poster, 'after-restart');
    started.push(second.agenda);
    await second.start();
    await waitFor(async () => poster.of(watch!.id).length > 0);
    expect(second.checksRun()).toEqual([watch!.id]);
    expect(poster.of(watch!.id).map((p) => p.message.kind)).toEqual(['baseline']);
  });
});
