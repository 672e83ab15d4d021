import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Tenant } from '../../../core/access/model';
import { GraphWriteOutcomeUnknown } from '../../../core/graph/graph-errors';
import { executeRun } from '../../../core/promotion/execute-run';
import { writeOnce } from '../../../core/promotion/lost-answer';
import type { PromotionGraph } from '../../../core/promotion/promotion-graph';
import type { GraphRequestSpec } from '../../../core/subjects/subject-type';
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
  WORKSPACE,
  type PromotionWorld,
} from '../../support/promotion-fixtures';

const lost = () => new GraphWriteOutcomeUnknown('Contoso Production', 'POST', '/beta/x');

describe('writing once when the answer is lost', () => {
  it('takes what the target shows as the answer when the lost write took effect, without writing again', async () => {
    let writes = 0;
    const result = await writeOnce(
      async () => {
        writes += 1;
        throw lost();
      },
      async () => 'found-id',
    );
    expect(result).toBe('found-id');
    expect(writes).toBe(1);
  });

  it('writes once more when the target shows the lost write did not take effect', async () => {
    let writes = 0;
    const result = await writeOnce(
      async () => {
        writes += 1;
        if (writes === 1) throw lost();
        return 'created-id';
      },
      async () => undefined,
    );
    expect(result).toBe('created-id');
    expect(writes).toBe(2);
  });

  it('lets any other failure through without reading', async () => {
    let reads = 0;
    const refused = writeOnce(
      async () => {
        throw new Error('400 BadRequest');
      },
      async () => {
        reads += 1;
        return 'x';
      },
    );
    await expect(refused).rejects.toThrow('400 BadRequest');
    expect(reads).toBe(0);
  });
});

/** The world's graph, except that the first write matching `which` loses its answer: after being applied, or before. */
function losingAnswerOf(graph: PromotionGraph, which: (spec: GraphRequestSpec) => boolean, applied: boolean): PromotionGraph {
  let lostOnce = false;
  return Object.assign(Object.create(graph) as PromotionGraph, {
    request: async (tenant: Tenant, spec: GraphRequestSpec) => {
      if (lostOnce || spec.method === 'GET' || !which(spec)) return graph.request(tenant, spec);
      lostOnce = true;
      if (applied) await graph.request(tenant, spec);
      throw new GraphWriteOutcomeUnknown(tenant.displayName, spec.method, spec.path);
    },
  });
}

describe('a promotion run whose Graph answers get lost', () => {
  let t: TestDb;
  let world: PromotionWorld;
  beforeAll(async () => {
    t = await testDb('lost-answer');
  });
  beforeEach(async () => {
    await t.db.dropDatabase();
    world = await promotionWorld(t.db);
    world.graph
      .seed(
        SOURCE.id,
        PATHS.settingsCatalog,
        catalogPolicy(
          's-sc-baseline',
          'Baseline',
          { bitlocker_requiredeviceencryption: '1' },
          { assignments: [includeGroup('s-grp-pilot')] },
        ),
      )
      .seed(
        SOURCE.id,
        PATHS.deviceConfiguration,
        restrictions('s-dc-restr', 'Restrictions', { passwordMinimumLength: 12 }, { assignments: [includeGroup('s-grp-pilot')] }),
      )
      .seed(TARGET.id, PATHS.deviceConfiguration, restrictions('t-dc-restr', 'Restrictions', { passwordMinimumLength: 8 }));
  });
  afterAll(async () => {
    await t?.close();
  });

  const cases: [string, (spec: GraphRequestSpec) => boolean][] = [
    ['create', (spec) => spec.method === 'POST' && spec.path === PATHS.settingsCatalog],
    ['update', (spec) => spec.method === 'PATCH'],
    ['assignment', (spec) => spec.path.endsWith('/assign')],
  ];
  for (const [step, which] of cases) {
    for (const applied of [true, false]) {
      it(`promotes every subject exactly once when the answer to a ${step} is lost ${applied ? 'after' : 'before'} Graph applied it`, async () => {
        const run = await queueRun(world);
        world.graph.clearRequests();
        await executeRun({ ...world.deps, graph: losingAnswerOf(world.graph, which, applied) }, run.id);

        expect((await world.runs.get(WORKSPACE, run.id))!.summary).toMatchObject({ total: 2, succeeded: 2, failed: 0 });
        const baselines = world.graph.objects(TARGET.id, PATHS.settingsCatalog).filter((o) => o.name === 'Baseline');
        expect(baselines).toHaveLength(1);
        const updated = world.graph.object(TARGET.id, PATHS.deviceConfiguration, 't-dc-restr');
        expect(updated).toMatchObject({ passwordMinimumLength: 12 });
        for (const promoted of [baselines[0], updated]) expect(JSON.stringify(promoted?.assignments)).toContain('t-grp-pilot');
        // Every write reached Graph once: none was sent a second time after its answer was lost.
        const writes = world.graph.writes(TARGET.id).map((w) => JSON.stringify(w));
        expect(new Set(writes).size).toBe(writes.length);
        expect(world.graph.writes(TARGET.id).filter(which).length).toBeGreaterThan(0);
      });
    }
  }
});
