// Item 2: Graph requests of a full inventory sync of a 1,000-subject tenant through the real GraphClient against
// the sandbox, beside the fewest requests the registry's read strategy needs and a one-call-per-object reader,
// at the sandbox's default page size and at Graph's typical 100.
import type { Tenant } from '../../core/access/model';
import { GraphClient } from '../../core/graph/graph-client';
import { StaticTokenProvider } from '../../core/graph/static-token-provider';
import { REFERENCE_COLLECTIONS } from '../../core/graph-sandbox/graph-shape';
import { startGraphSandbox } from '../../core/graph-sandbox/sandbox-server';
import { collectionKeyOf, type SandboxTenant } from '../../core/graph-sandbox/sandbox-tenant';
import { MAX_BATCH_SIZE } from '../../core/graph/batch';
import { readTenantInventory } from '../../core/inventory/read-tenant';
import { REFERENCE_SOURCES } from '../../core/inventory/reference-sources';
import { SUBJECT_TYPES } from '../../core/subjects/registry';
import { REFERENCE_KINDS } from '../../core/subjects/references';
import type { GraphJson } from '../../core/subjects/subject-type';
import { BENCH_WORKSPACE } from './bench-snapshots';
import { generateTenantPair } from './generate-tenant';
import { figure, type BenchFigure } from './results';

/** The sandbox answers at most this many items a page unless started with another pageSize. */
const SANDBOX_DEFAULT_PAGE_SIZE = 5;
const TYPES = Object.values(SUBJECT_TYPES);

const pages = (items: number, pageSize: number) => Math.max(1, Math.ceil(items / pageSize));

/** Requests a perfect client needs with the registry's strategy, and a one-call-per-object client, for this data. */
export function requestBudget(seed: SandboxTenant, pageSize: number) {
  let listPages = 0;
  let detailReads = 0;
  let continuationPages = 0;
  let perObjectDetailCalls = 0;
  for (const type of TYPES) {
    const objects = seed.objects[collectionKeyOf(type.collectionPath)] ?? [];
    listPages += pages(objects.length, pageSize);
    for (const read of type.detailReads) {
      for (const object of objects) {
        const value = object[read.property];
        // A collection answer longer than a page continues through nextLinks; an object answer is one response.
        const answerPages = Array.isArray(value) ? pages(value.length, pageSize) : 1;
        detailReads += 1;
        continuationPages += answerPages - 1;
        perObjectDetailCalls += answerPages;
      }
    }
  }
  const kinds = REFERENCE_KINDS.filter((kind) => TYPES.some((t) => (t.referenceKinds ?? REFERENCE_KINDS).includes(kind)));
  const referencePages = kinds.reduce((sum, kind) => {
    const top = Number(/\$top=(\d+)/.exec(REFERENCE_SOURCES[kind])?.[1] ?? pageSize);
    return sum + pages((seed.objects[REFERENCE_COLLECTIONS[kind].key] ?? []).length, Math.min(top, pageSize));
  }, 0);
  const batches = Math.ceil(detailReads / MAX_BATCH_SIZE);
  return {
    listPages,
    detailReads,
    batches,
    continuationPages,
    referencePages,
    minimum: listPages + batches + continuationPages + referencePages,
    naive: listPages + perObjectDetailCalls + referencePages,
  };
}

async function syncOnce(seed: SandboxTenant, pageSize: number) {
  const sandbox = await startGraphSandbox({ tenants: [seed], pageSize });
  try {
    const client = new GraphClient({ baseUrl: sandbox.baseUrl, tokens: new StaticTokenProvider() });
    const tenant: Tenant = {
      id: seed.id,
      workspaceId: BENCH_WORKSPACE,
      displayName: seed.displayName,
      environment: seed.environment,
      credentials: {},
    };
    const started = performance.now();
    const inventory = await readTenantInventory(client, tenant, TYPES);
    return {
      ms: performance.now() - started,
      subjects: inventory.subjects.length,
      requests: client.requestCount(tenant.id),
      throttled: client.throttledCount(tenant.id),
      served: sandbox.store.counters(tenant.id).httpRequests,
    };
  } finally {
    await sandbox.close();
  }
}

/** One figure per page size: the client's request count beside the minimum (target ≤ +5 %) and the naive count. */
export async function graphRequestFigures(subjects = 1000): Promise<BenchFigure[]> {
  const seed = generateTenantPair({ subjects }).source;
  const settingsCounts = (seed.objects['deviceManagement/configurationPolicies'] ?? []).map((p) => (p.settings as GraphJson[]).length);
  const figures: BenchFigure[] = [];
  for (const pageSize of [SANDBOX_DEFAULT_PAGE_SIZE, 100]) {
    const budget = requestBudget(seed, pageSize);
    const sync = await syncOnce(seed, pageSize);
    if (sync.served !== sync.requests)
      throw new Error(`the sandbox served ${sync.served} requests but the client counted ${sync.requests}`);
    figures.push(
      figure({
        id: `graph-requests-page-${pageSize}`,
        item: 2,
        title: `Graph requests, full sync of ${sync.subjects.toLocaleString('en-US')} subjects, page size ${pageSize}${pageSize === SANDBOX_DEFAULT_PAGE_SIZE ? ' (sandbox default)' : ''}`,
        value: sync.requests,
        unit: 'requests',
        reference: { value: budget.minimum, unit: 'requests', label: 'minimum for the read strategy' },
        target: { op: '<=', value: Math.floor(budget.minimum * 1.05), unit: 'requests' },
        notes:
          `Minimum = ${budget.listPages} list pages + ${budget.batches} $batch POSTs (${budget.detailReads} detail reads ÷ ${MAX_BATCH_SIZE}) + ` +
          `${budget.continuationPages} continuation pages of detail answers longer than a page (settings per policy ${Math.min(...settingsCounts)}–${Math.max(...settingsCounts)}) + ` +
          `${budget.referencePages} reference-list pages. One call per object would take ${budget.naive} (${(budget.naive / sync.requests).toFixed(1)}× the client). ` +
          `${sync.throttled} throttled; sync took ${(sync.ms / 1000).toFixed(1)} s on loopback.`,
      }),
    );
  }
  const promotable = TYPES.filter((t) => !t.notPromotableReason);
  figures.push(
    figure({
      id: 'governed-types',
      item: 2,
      title: 'Governed subject types read by each full sync above',
      value: TYPES.length,
      unit: 'types',
      reference: null,
      target: null,
      notes:
        `${promotable.length} promotable (${promotable.map((t) => t.key).join(', ')}); compared only: ` +
        `${TYPES.filter((t) => t.notPromotableReason).map((t) => t.key).join(', ')}. Each adds at least one list request to the sync's minimum.`,
    }),
  );
  return figures;
}
