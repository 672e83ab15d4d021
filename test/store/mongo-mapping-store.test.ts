import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MappingStore, ReferenceMapping } from '../../core/mappings/model';
import { MongoMappingStore } from '../../core/store/mongo-mapping-store';
import type { TestDb } from '../support/mongo';
import { at, freshWorkspace, makeMapping, storeDb, twoWorkspaces, type WorkspaceScope } from '../support/store-fixtures';

/** A mapping of the scope's source → target pair. */
const mappingIn = (scope: WorkspaceScope, overrides: Partial<ReferenceMapping> = {}) =>
  makeMapping({ workspaceId: scope.workspaceId, sourceTenantId: scope.source, targetTenantId: scope.target, ...overrides });

/** Behaviour every MappingStore must show; `makeStore` may share one database across tests. */
function describeMappingStoreContract(makeStore: () => Promise<MappingStore>) {
  describe('MappingStore contract', () => {
    it('lists nothing for a pair without mappings', async () => {
      const store = await makeStore();
      const { workspaceId, source, target } = freshWorkspace();
      expect(await store.list(workspaceId, source, target)).toEqual([]);
    });

    it('lists the saved mappings of a pair by kind, then source name', async () => {
      const store = await makeStore();
      const scope = freshWorkspace();
      const saved = [
        mappingIn(scope, { kind: 'scopeTag', sourceId: 'st-1', sourceName: 'Europe' }),
        mappingIn(scope, { kind: 'group', sourceId: 'g-2', sourceName: 'Pilot users' }),
        mappingIn(scope, { kind: 'assignmentFilter', sourceId: 'f-1', sourceName: 'Corporate devices' }),
        mappingIn(scope, { kind: 'group', sourceId: 'g-1', sourceName: 'Finance' }),
      ];
      for (const m of saved) await store.save(m);

      const listed = await store.list(scope.workspaceId, scope.source, scope.target);
      expect(listed.map((m) => `${m.kind}/${m.sourceName}`)).toEqual(['assignmentFilter/Corporate devices', 'group/Finance', 'group/Pilot users', 'scopeTag/Europe']);
      expect(listed).toContainEqual(saved[0]);
    });

    it('replaces the mapping of the same pair, kind and source object', async () => {
      const store = await makeStore();
      const scope = freshWorkspace();
      await store.save(mappingIn(scope, { sourceId: 'g-1', targetId: 'g-old', targetName: 'Old pilot' }));
      const corrected = mappingIn(scope, { sourceId: 'g-1', targetId: 'g-new', targetName: 'Pilot users (prod)', createdAt: at(60_000) });
      await store.save(corrected);
      expect(await store.list(scope.workspaceId, scope.source, scope.target)).toEqual([corrected]);
    });

    it('keeps mappings of the same source id apart by kind', async () => {
      const store = await makeStore();
      const scope = freshWorkspace();
      await store.save(mappingIn(scope, { kind: 'group', sourceId: 'x-1' }));
      await store.save(mappingIn(scope, { kind: 'namedLocation', sourceId: 'x-1' }));
      expect((await store.list(scope.workspaceId, scope.source, scope.target)).map((m) => m.kind)).toEqual(['group', 'namedLocation']);
    });

    it('lists only the pair asked for, not its reverse', async () => {
      const store = await makeStore();
      const scope = freshWorkspace();
      await store.save(mappingIn(scope, { sourceTenantId: scope.target, targetTenantId: scope.source }));
      expect(await store.list(scope.workspaceId, scope.source, scope.target)).toEqual([]);
    });

    it('removes a mapping once: true, then false', async () => {
      const store = await makeStore();
      const scope = freshWorkspace();
      const kept = mappingIn(scope, { sourceId: 'g-kept', sourceName: 'Kept' });
      await store.save(mappingIn(scope, { sourceId: 'g-1' }));
      await store.save(kept);
      expect(await store.remove(scope.workspaceId, scope.source, scope.target, 'group', 'g-1')).toBe(true);
      expect(await store.remove(scope.workspaceId, scope.source, scope.target, 'group', 'g-1')).toBe(false);
      expect(await store.list(scope.workspaceId, scope.source, scope.target)).toEqual([kept]);
    });

    describe('in another workspace', () => {
      it('lists no mapping of workspace B for the same tenant pair asked from workspace A', async () => {
        const store = await makeStore();
        const { a, b } = twoWorkspaces();
        await store.save(mappingIn(b));
        expect(await store.list(a.workspaceId, b.source, b.target)).toEqual([]);
      });

      it('cannot remove a mapping of workspace B from workspace A', async () => {
        const store = await makeStore();
        const { a, b } = twoWorkspaces();
        const ofB = mappingIn(b, { sourceId: 'g-1' });
        await store.save(ofB);
        expect(await store.remove(a.workspaceId, b.source, b.target, 'group', 'g-1')).toBe(false);
        expect(await store.list(b.workspaceId, b.source, b.target)).toEqual([ofB]);
      });

      it('keeps a mapping saved in workspace A apart from the same key in workspace B', async () => {
        const store = await makeStore();
        const { a, b } = twoWorkspaces();
        const ofB = mappingIn(b, { sourceId: 'g-1', targetId: 'g-of-b' });
        await store.save(ofB);
        await store.save(mappingIn(b, { workspaceId: a.workspaceId, sourceId: 'g-1', targetId: 'g-forged' }));
        expect(await store.list(b.workspaceId, b.source, b.target)).toEqual([ofB]);
      });
    });
  });
}

let t: TestDb;
beforeAll(async () => {
  t = await storeDb('mappings');
});
afterAll(async () => {
  await t?.close();
});

describeMappingStoreContract(async () => new MongoMappingStore(t.db));
