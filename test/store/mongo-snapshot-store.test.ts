import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SnapshotStore } from '../../core/inventory/snapshot-store';
import { COLLECTIONS } from '../../core/store/collections';
import { MongoSnapshotStore } from '../../core/store/mongo-snapshot-store';
import type { TestDb } from '../support/mongo';
import { FIXTURE_NOW } from '../support/inventory-builder';
import { at, freshWorkspace, makeSnapshot, storeDb, twoWorkspaces } from '../support/store-fixtures';

/** Behaviour every SnapshotStore must show; `makeStore` may share one database across tests. */
function describeSnapshotStoreContract(makeStore: () => Promise<SnapshotStore>) {
  describe('SnapshotStore contract', () => {
    it('answers undefined for a tenant that was never read', async () => {
      const store = await makeStore();
      const { workspaceId, source } = freshWorkspace();
      expect(await store.get(workspaceId, source)).toBeUndefined();
      expect(await store.headers(workspaceId)).toEqual([]);
    });

    it('returns a replaced snapshot of 620 subjects whole and in the order written', async () => {
      const store = await makeStore();
      const { workspaceId, source } = freshWorkspace();
      const written = makeSnapshot({ workspaceId, tenantId: source }, 620);
      await store.replace(written);

      const read = await store.get(workspaceId, source);
      expect(read?.subjects).toHaveLength(620);
      expect(read?.subjects.map((s) => s.displayName)).toEqual(written.subjects.map((s) => s.displayName));
      expect(read).toEqual(written);
    });

    it('shows only the new subjects after a second replace', async () => {
      const store = await makeStore();
      const { workspaceId, source } = freshWorkspace();
      await store.replace(makeSnapshot({ workspaceId, tenantId: source }, 620, 'Old'));
      const second = { ...makeSnapshot({ workspaceId, tenantId: source }, 3, 'New'), observedAt: at(60_000), lastAttemptAt: at(60_000) };
      await store.replace(second);

      const read = await store.get(workspaceId, source);
      expect(read?.subjects.map((s) => s.displayName)).toEqual(['New 0003', 'New 0002', 'New 0001']);
      expect(read?.observedAt).toEqual(at(60_000));
      expect(await store.headers(workspaceId)).toEqual([expect.objectContaining({ tenantId: source, subjectCount: 3 })]);
    });

    it('clears the stale reason when a later sync succeeds', async () => {
      const store = await makeStore();
      const { workspaceId, source } = freshWorkspace();
      await store.replace(makeSnapshot({ workspaceId, tenantId: source }, 2));
      await store.markStale(workspaceId, source, 'Graph answered 503', at(1_000));
      await store.replace({ ...makeSnapshot({ workspaceId, tenantId: source }, 2), observedAt: at(2_000), lastAttemptAt: at(2_000) });

      const read = await store.get(workspaceId, source);
      expect(read?.staleReason).toBeUndefined();
      expect(read?.lastAttemptAt).toEqual(at(2_000));
    });

    it('keeps the subjects when a sync fails and says why and when', async () => {
      const store = await makeStore();
      const { workspaceId, source } = freshWorkspace();
      const written = makeSnapshot({ workspaceId, tenantId: source }, 5);
      await store.replace(written);
      await store.markStale(workspaceId, source, 'Graph answered 503', at(3_600_000));

      const read = await store.get(workspaceId, source);
      expect(read?.subjects).toEqual(written.subjects);
      expect(read?.referenceObjects).toEqual(written.referenceObjects);
      expect(read?.staleReason).toBe('Graph answered 503');
      expect(read?.lastAttemptAt).toEqual(at(3_600_000));
      expect(read?.observedAt).toEqual(written.observedAt);
      expect(await store.headers(workspaceId)).toEqual([
        expect.objectContaining({ tenantId: source, subjectCount: 5, staleReason: 'Graph answered 503' }),
      ]);
    });

    it('records a failed first sync as an empty stale snapshot', async () => {
      const store = await makeStore();
      const { workspaceId, source } = freshWorkspace();
      await store.markStale(workspaceId, source, 'The app lacks permission', FIXTURE_NOW);

      const read = await store.get(workspaceId, source);
      expect(read).toMatchObject({ workspaceId, tenantId: source, staleReason: 'The app lacks permission', lastAttemptAt: FIXTURE_NOW });
      expect(read?.subjects).toEqual([]);
      expect(read?.referenceObjects).toEqual([]);
      expect(await store.headers(workspaceId)).toEqual([expect.objectContaining({ tenantId: source, subjectCount: 0 })]);
    });

    it('survives two failed syncs of a never-read tenant racing each other', async () => {
      const store = await makeStore();
      const { workspaceId, source } = freshWorkspace();
      await Promise.all([
        store.markStale(workspaceId, source, 'first', at(1)),
        store.markStale(workspaceId, source, 'second', at(2)),
      ]);
      const read = await store.get(workspaceId, source);
      expect(['first', 'second']).toContain(read?.staleReason);
      expect(read?.subjects).toEqual([]);
    });

    it('lists one header per tenant with its subject count and no subjects', async () => {
      const store = await makeStore();
      const { workspaceId, source, target } = freshWorkspace();
      await store.replace(makeSnapshot({ workspaceId, tenantId: source }, 7));
      await store.replace(makeSnapshot({ workspaceId, tenantId: target }, 2));

      const headers = await store.headers(workspaceId);
      const byTenant = Object.fromEntries(headers.map((h) => [h.tenantId, h]));
      expect(Object.keys(byTenant).sort()).toEqual([source, target].sort());
      expect(byTenant[source]).toMatchObject({ workspaceId, subjectCount: 7, observedAt: makeSnapshot({ workspaceId, tenantId: source }, 0).observedAt });
      expect(byTenant[target]?.subjectCount).toBe(2);
      for (const h of headers) expect(h).not.toHaveProperty('subjects');
    });

    it('leaves one complete snapshot when several syncs of a tenant replace it at once', async () => {
      const store = await makeStore();
      const { workspaceId, source } = freshWorkspace();
      const versions = ['A', 'B', 'C', 'D'].map((label, i) => makeSnapshot({ workspaceId, tenantId: source }, 600 + i, label));
      await Promise.all(versions.map((v) => store.replace(v)));

      const read = await store.get(workspaceId, source);
      const winner = versions.find((v) => v.subjects[0]?.displayName === read?.subjects[0]?.displayName);
      expect(winner, 'the snapshot read is none of those written').toBeDefined();
      expect(read?.subjects).toEqual(winner?.subjects);
      expect(await store.headers(workspaceId)).toEqual([expect.objectContaining({ subjectCount: winner?.subjects.length })]);
    });

    it('lets readers see the old or the new snapshot while it is replaced, never a partial one', async () => {
      const store = await makeStore();
      const { workspaceId, source } = freshWorkspace();
      const old = makeSnapshot({ workspaceId, tenantId: source }, 620, 'Old');
      const next = makeSnapshot({ workspaceId, tenantId: source }, 610, 'New');
      await store.replace(old);

      let replaced = false;
      const writer = (async () => {
        for (let i = 0; i < 10; i++) await store.replace(i % 2 ? old : next);
        replaced = true;
      })();
      const seen: number[] = [];
      const reader = async () => {
        while (!replaced) seen.push((await store.get(workspaceId, source))?.subjects.length ?? -1);
      };
      await Promise.all([writer, reader(), reader(), reader(), reader()]);
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.filter((n) => n !== 620 && n !== 610)).toEqual([]);
    });

    describe('in another workspace', () => {
      it('does not return a tenant of workspace B while acting in workspace A', async () => {
        const store = await makeStore();
        const { a, b } = twoWorkspaces();
        await store.replace(makeSnapshot({ workspaceId: b.workspaceId, tenantId: b.source }, 3));
        expect(await store.get(a.workspaceId, b.source)).toBeUndefined();
      });

      it('lists no header of workspace B in the headers of workspace A', async () => {
        const store = await makeStore();
        const { a, b } = twoWorkspaces();
        await store.replace(makeSnapshot({ workspaceId: a.workspaceId, tenantId: a.source }, 1));
        await store.replace(makeSnapshot({ workspaceId: b.workspaceId, tenantId: b.source }, 3));
        expect((await store.headers(a.workspaceId)).map((h) => h.tenantId)).toEqual([a.source]);
      });

      it('leaves workspace B untouched when workspace A replaces or marks stale a tenant id of B', async () => {
        const store = await makeStore();
        const { a, b } = twoWorkspaces();
        const ofB = makeSnapshot({ workspaceId: b.workspaceId, tenantId: b.source }, 4);
        await store.replace(ofB);
        await store.markStale(a.workspaceId, b.source, 'forged', at(1));
        await store.replace(makeSnapshot({ workspaceId: a.workspaceId, tenantId: b.source }, 1, 'Forged'));
        expect(await store.get(b.workspaceId, b.source)).toEqual(ofB);
      });
    });
  });
}

let t: TestDb;
beforeAll(async () => {
  t = await storeDb('snapshots');
});
afterAll(async () => {
  await t?.close();
});

describeSnapshotStoreContract(async () => new MongoSnapshotStore(t.db));

describe('MongoSnapshotStore storage', () => {
  const chunksOf = (tenantId: string) => t.db.collection(COLLECTIONS.inventorySubjects).find({ tenantId }).toArray();

  it('splits 620 subjects over several chunk documents of one version', async () => {
    const { workspaceId, source } = freshWorkspace();
    await new MongoSnapshotStore(t.db).replace(makeSnapshot({ workspaceId, tenantId: source }, 620));
    const chunks = await chunksOf(source);
    expect(chunks.length).toBeGreaterThan(1);
    expect(new Set(chunks.map((c) => c.version)).size).toBe(1);
    expect(chunks.reduce((n, c) => n + (c.subjects as unknown[]).length, 0)).toBe(620);
  });

  it('keeps no chunk of the replaced version', async () => {
    const store = new MongoSnapshotStore(t.db);
    const { workspaceId, source } = freshWorkspace();
    await store.replace(makeSnapshot({ workspaceId, tenantId: source }, 620, 'Old'));
    await store.replace(makeSnapshot({ workspaceId, tenantId: source }, 3, 'New'));

    const chunks = await chunksOf(source);
    const names = chunks.flatMap((c) => (c.subjects as { displayName: string }[]).map((s) => s.displayName));
    expect(names.sort()).toEqual(['New 0001', 'New 0002', 'New 0003']);
  });

  it('keeps no chunk at all after replacing with an empty inventory', async () => {
    const store = new MongoSnapshotStore(t.db);
    const { workspaceId, source } = freshWorkspace();
    await store.replace(makeSnapshot({ workspaceId, tenantId: source }, 300));
    await store.replace(makeSnapshot({ workspaceId, tenantId: source }, 0));
    expect(await chunksOf(source)).toEqual([]);
    expect((await store.get(workspaceId, source))?.subjects).toEqual([]);
  });
});
