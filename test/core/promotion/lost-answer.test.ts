import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { executeRun } from '../../../core/promotion/execute-run';
import type { GraphRequestSpec } from '../../../core/subjects/subject-type';
import { unreliableGraph, type LostWriteFate } from '../../support/executor-faults';
import { testDb, type TestDb } from '../../support/mongo';
import {
  catalogPolicy,
  includeGroup,
  PATHS,
  promotionWorld,
  queueRun,
  restrictions,
  SOURCE,
  TARGET,
  TEST_EXECUTOR_SETTINGS,
  WORKSPACE,
  type PromotionWorld,
} from '../../support/promotion-fixtures';

const STEPS: Record<'create' | 'update' | 'assignment', (spec: GraphRequestSpec) => boolean> = {
  create: (spec) => spec.method === 'POST' && spec.path === PATHS.settingsCatalog,
  update: (spec) => spec.method === 'PATCH',
  assignment: (spec) => spec.path.endsWith('/assign'),
};

describe('a promotion run whose Graph answers get lost and whose reads lag', () => {
  let t: TestDb;
  let world: PromotionWorld;
  beforeAll(async () => {
    t = await testDb('lost-answer');
  });
  beforeEach(async () => {
    await t.db.dropDatabase();
    world = await promotionWorld(t.db);
    world.graph
      .seed(SOURCE.id, PATHS.settingsCatalog, catalogPolicy('s-sc-baseline', 'Baseline', { bitlocker_requiredeviceencryption: '1' }, { assignments: [includeGroup('s-grp-pilot')] }))
      .seed(SOURCE.id, PATHS.deviceConfiguration, restrictions('s-dc-restr', 'Restrictions', { passwordMinimumLength: 12 }, { assignments: [includeGroup('s-grp-pilot')] }))
      .seed(TARGET.id, PATHS.deviceConfiguration, restrictions('t-dc-restr', 'Restrictions', { passwordMinimumLength: 8 }));
  });
  afterAll(async () => {
    await t?.close();
  });

  const run = async (step: keyof typeof STEPS, fate: LostWriteFate, listLagMs = 0) => {
    const queued = await queueRun(world);
    world.graph.clearRequests();
    const graph = unreliableGraph(world.graph, { which: STEPS[step], fate, listLagMs });
    await executeRun({ ...world.deps, graph }, queued.id);
    await Promise.all(graph.pending);
    return { run: (await world.runs.get(WORKSPACE, queued.id))!, items: (await world.runs.items(queued.id)).items, sent: graph.sent };
  };
  const baselines = () => world.graph.objects(TARGET.id, PATHS.settingsCatalog).filter((o) => o.name === 'Baseline');
  const sentOnce = () => {
    const writes = world.graph.writes(TARGET.id).map((w) => JSON.stringify(w));
    expect(new Set(writes).size).toBe(writes.length);
  };

  const adopted: [keyof typeof STEPS, LostWriteFate, number, string][] = [
    ['create', { applied: 'before' }, 0, 'applied before the answer was lost'],
    ['create', { applied: 'later', afterMs: 150 }, 0, 'applied only after the client gave up on it'],
    ['create', { applied: 'before' }, 200, 'applied, while the target lists new objects late'],
    ['update', { applied: 'before' }, 0, 'applied before the answer was lost'],
    ['update', { applied: 'later', afterMs: 150 }, 0, 'applied only after the client gave up on it'],
    ['assignment', { applied: 'before' }, 0, 'applied before the answer was lost'],
    ['assignment', { applied: 'later', afterMs: 150 }, 0, 'applied only after the client gave up on it'],
  ];
  for (const [step, fate, lag, how] of adopted) {
    it(`promotes every subject exactly once when the answer to a ${step} is lost and the write was ${how}`, async () => {
      const { run: finished } = await run(step, fate, lag);
      expect(finished.summary).toMatchObject({ total: 2, succeeded: 2, failed: 0 });
      expect(baselines()).toHaveLength(1);
      const updated = world.graph.object(TARGET.id, PATHS.deviceConfiguration, 't-dc-restr');
      expect(updated).toMatchObject({ passwordMinimumLength: 12 });
      for (const promoted of [baselines()[0], updated]) expect(JSON.stringify(promoted?.assignments)).toContain('t-grp-pilot');
      sentOnce();
      expect(finished.verified).toBe(2);
    });
  }

  for (const step of ['create', 'update', 'assignment'] as const) {
    it(`ends the item "outcome unknown" and never sends the ${step} again when the target does not show it within the wait`, async () => {
      const { run: finished, items, sent } = await run(step, { applied: 'never' });
      const unknown = items.filter((i) => i.outcomeUnknown);
      expect(unknown).toHaveLength(1);
      expect(unknown[0]).toMatchObject({ outcome: 'failed', reason: expect.stringContaining(`Intune admin center of ${TARGET.displayName}`) });
      expect(unknown[0]!.reason).toContain(`within ${Math.round(TEST_EXECUTOR_SETTINGS.visibilityWaitMs / 1000)} s`);
      expect(finished.status).toBe('partially_succeeded');
      // Each write was sent once (the lost one included): one create, one update, an assignment per subject.
      expect(sent.filter(STEPS[step])).toHaveLength(step === 'assignment' ? 2 : 1);
      expect(new Set(sent.map((spec) => JSON.stringify(spec))).size).toBe(sent.length);
      expect(baselines().length).toBeLessThanOrEqual(1);
      sentOnce();
    });
  }

  it('keeps the before-image of an update whose outcome is unknown, so it can still be restored', async () => {
    const { items } = await run('update', { applied: 'never' });
    expect(items.find((i) => i.displayName === 'Restrictions')).toMatchObject({ outcomeUnknown: true, priorState: { passwordMinimumLength: 8 } });
    const journal = await world.deps.journal.entries(items[0]!.runId);
    expect(journal.find((e) => e.intent?.action === 'update')?.intent?.before).toMatchObject({ kind: 'present', targetId: 't-dc-restr', payload: { passwordMinimumLength: 8 } });
  });
});
