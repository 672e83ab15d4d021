import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { executeRun, ITEMS_IN_FLIGHT } from '../../../core/promotion/execute-run';
import type { PromotionGraph } from '../../../core/promotion/promotion-graph';
import { testDb, type TestDb } from '../../support/mongo';
import {
  catalogPolicy,
  includeGroup,
  PATHS,
  promotionWorld,
  queueRun,
  SOURCE,
  TARGET,
  WORKSPACE,
  type PromotionWorld,
} from '../../support/promotion-fixtures';

let t: TestDb;
let world: PromotionWorld;
const POLICIES = 10;

beforeAll(async () => {
  t = await testDb('execute-run-concurrency');
});
beforeEach(async () => {
  await t.db.dropDatabase();
  world = await promotionWorld(t.db);
  for (let i = 0; i < POLICIES; i++) {
    world.graph.seed(
      SOURCE.id,
      PATHS.settingsCatalog,
      catalogPolicy(
        `s-sc-${i}`,
        `Baseline ${i}`,
        { device_vendor_msft_policy_config_defender_avgcpuloadfactor: i },
        { assignments: [includeGroup('s-grp-pilot')] },
      ),
    );
  }
});
afterAll(async () => {
  await t?.close();
});

/** The world's Graph with 5 ms latency on every request, counting how many writes are in flight at once (an item writes one at a time). */
function slowGraph(): { graph: PromotionGraph; maxWritesInFlight: () => number } {
  let writing = 0;
  let max = 0;
  const slowly = async <T>(write: boolean, work: () => Promise<T>): Promise<T> => {
    if (write) max = Math.max(max, ++writing);
    try {
      await sleep(5);
      return await work();
    } finally {
      if (write) writing -= 1;
    }
  };
  return {
    graph: {
      request: (tenant, spec) => slowly(spec.method !== 'GET', () => world.graph.request(tenant, spec)),
      listAll: (tenant, path) => slowly(false, () => world.graph.listAll(tenant, path)),
    },
    maxWritesInFlight: () => max,
  };
}

describe('promotion run: several items in flight', () => {
  it('promotes several subjects at once, yet creates and assigns each exactly once', async () => {
    const run = await queueRun(world, { includeAssignments: true });
    const slow = slowGraph();
    await executeRun({ ...world.deps, graph: slow.graph }, run.id);

    const finished = (await world.runs.get(WORKSPACE, run.id))!;
    expect(finished.summary).toEqual({ total: POLICIES, processed: POLICIES, succeeded: POLICIES, failed: 0, skipped: 0 });
    expect(slow.maxWritesInFlight()).toBeGreaterThan(1);
    expect(slow.maxWritesInFlight()).toBeLessThanOrEqual(ITEMS_IN_FLIGHT);
    const writes = world.graph.writes(TARGET.id);
    expect(writes.filter((w) => w.method === 'POST' && w.path === PATHS.settingsCatalog)).toHaveLength(POLICIES);
    expect(writes.filter((w) => w.path.endsWith('/assign'))).toHaveLength(POLICIES);
    expect(
      world.graph
        .objects(TARGET.id, PATHS.settingsCatalog)
        .map((p) => p.name)
        .sort(),
    ).toEqual(Array.from({ length: POLICIES }, (_, i) => `Baseline ${i}`).sort());
  });

  it('never reports fewer processed subjects than it reported before', async () => {
    const run = await queueRun(world, { includeAssignments: true });
    await executeRun({ ...world.deps, graph: slowGraph().graph }, run.id);

    const processed = world.progress.updates.map((u) => u.summary.processed);
    expect(processed).toHaveLength(1 + 2 * POLICIES);
    expect(processed).toEqual([...processed].sort((a, b) => a - b));
    expect(processed.at(-1)).toBe(POLICIES);
  });
});
