import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tenant } from '../../../core/access/model';
import { buildComparePreview } from '../../../core/compare/build-compare-preview';
import type { ComparePreview } from '../../../core/compare/model';
import { GraphUnavailable } from '../../../core/errors';
import { readTenantInventory } from '../../../core/inventory/read-tenant';
import type { InventorySnapshot } from '../../../core/inventory/model';
import { classifyPreflight } from '../../../core/preflight/classify-preflight';
import { registryPromotability } from '../../../core/preflight/promotability';
import type { PromotionPreflight } from '../../../core/preflight/model';
import { SUBJECT_TYPES } from '../../../core/subjects/registry';
import { SUBJECT_TYPE_KEYS, type GraphJson, type SubjectType } from '../../../core/subjects/subject-type';
import { DEMO_STAGING_TO_PRODUCTION, demoTenant, startDemoSandbox } from '../../support/sandbox-fixtures';

const TYPES: SubjectType[] = Object.values(SUBJECT_TYPES);
const NOW = new Date('2025-01-15T12:00:00Z');
const staging = demoTenant('contosoStaging');
const production = demoTenant('contosoProduction');

let demo: Awaited<ReturnType<typeof startDemoSandbox>>;
beforeAll(async () => {
  demo = await startDemoSandbox();
});
afterAll(async () => {
  await demo.sandbox.close();
});

async function snapshotOf(tenant: Tenant): Promise<InventorySnapshot> {
  const { subjects, referenceObjects } = await readTenantInventory(demo.client, tenant, TYPES);
  return { workspaceId: tenant.workspaceId, tenantId: tenant.id, observedAt: NOW, lastAttemptAt: NOW, subjects, referenceObjects };
}

async function compareStagingToProduction(): Promise<{ preview: ComparePreview; preflight: PromotionPreflight; source: InventorySnapshot }> {
  const [source, target] = [await snapshotOf(staging), await snapshotOf(production)];
  const selection = { sourceTenantId: staging.id, targetTenantId: production.id, types: [], includeAssignments: true };
  const preview = buildComparePreview({ selection, source, target, typesInScope: [...SUBJECT_TYPE_KEYS] });
  const preflight = classifyPreflight({
    preview,
    source,
    target,
    now: NOW,
    freshnessMs: 24 * 3600_000,
    isPromotable: registryPromotability,
  });
  return { preview, preflight, source };
}

describe('the demo tenants read through the real GraphClient from the sandbox', () => {
  it('give exactly the compare states and preflight outcomes of the demo README', async () => {
    const { preview, preflight } = await compareStagingToProduction();

    const observed = preview.entries.map((entry) => {
      const item = preflight.items.find((i) => i.type === entry.type && i.displayName === entry.displayName);
      return {
        type: entry.type,
        displayName: entry.displayName,
        compare: entry.state,
        ...(item ? { preflight: item.outcome } : {}),
        ...(item?.blockedReason ? { blockedReason: item.blockedReason } : {}),
        ...(item?.gaps?.length ? { gaps: item.gaps.map((g) => ({ kind: g.kind, sourceName: g.sourceName })) } : {}),
      };
    });
    const byKey = (a: { type: string; displayName: string }, b: { type: string; displayName: string }) =>
      `${a.type}/${a.displayName}`.localeCompare(`${b.type}/${b.displayName}`);
    expect(observed.sort(byKey)).toEqual([...DEMO_STAGING_TO_PRODUCTION].sort(byKey));
    expect(preflight.counts).toMatchObject({ ready: 8, blocked: 3, manualMapping: 1, inSync: 7, onlyInTarget: 2 });
    const kiosk = preflight.items.find((i) => i.displayName === 'Win - Kiosk Restrictions')!;
    expect(kiosk.gaps ?? []).toEqual([]);
    expect(kiosk.dependsOn?.map((d) => d.sourceName).sort()).toEqual(['Kiosk Devices', 'Retail Stores']);
  });

  it('stores what the registry writes for each ready subject exactly as the source has it, ids mapped, and never writes Staging', async () => {
    const { preflight, source } = await compareStagingToProduction();
    // What the same run creates first is written first, and those using it take its new id (as the executor does).
    const ready = preflight.items.filter((i) => i.outcome === 'ready').sort((a, b) => Number(Boolean(a.dependsOn?.length)) - Number(Boolean(b.dependsOn?.length)));
    const createdIds: Record<string, string> = {};
    const referenceMapOf = (item: (typeof ready)[number]) => ({ ...createdIds, ...item.referenceMap });
    for (const item of ready) {
      const type = SUBJECT_TYPES[item.type];
      const subject = source.subjects.find((s) => s.graphId === item.sourceId)!;
      const translate = (ref: { id: string }) => referenceMapOf(item)[ref.id];
      const writes = item.action === 'create' ? type.createRequests(subject.payload, translate) : type.updateRequests(item.targetId!, subject.payload, translate);
      const answers = [];
      for (const spec of writes) answers.push(await demo.client.request(production, spec));
      const targetId = item.targetId ?? ((answers[0]!.body as GraphJson).id as string);
      if (item.action === 'create') createdIds[item.sourceId] = targetId;
      const assign = type.assignRequest(targetId, subject.assignments, translate);
      if (assign) await demo.client.request(production, assign);
    }

    const target = await snapshotOf(production);
    for (const item of ready) {
      const before = source.subjects.find((s) => s.graphId === item.sourceId)!;
      const written = target.subjects.find((s) => s.type === item.type && s.displayName === item.displayName)!;
      const mapped = (json: unknown) => mapIds(json, referenceMapOf(item));
      expect({ name: item.displayName, payload: written.payload, assignments: written.assignments }).toEqual({
        name: item.displayName,
        payload: mapped(before.payload),
        assignments: mapped(before.assignments),
      });
    }
    expect(demo.sandbox.store.counters(staging.id).writes).toEqual({});
  });

  it('cannot read Contoso Lab, which answers every request with 503', async () => {
    await expect(readTenantInventory(demo.client, demoTenant('contosoLab'), TYPES)).rejects.toBeInstanceOf(GraphUnavailable);
  });
});

/** The value with every string that is a source reference id replaced by the target's id. */
function mapIds(value: unknown, map: Record<string, string>): unknown {
  if (typeof value === 'string') return map[value] ?? value;
  if (Array.isArray(value)) return value.map((v) => mapIds(v, map));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapIds(v, map)]));
}
