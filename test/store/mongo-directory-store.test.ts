import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DirectoryStore } from '../../core/access/directory-store';
import { ActorId } from '../../core/ids';
import { MongoDirectoryStore } from '../../core/store/mongo-directory-store';
import type { TestDb } from '../support/mongo';
import { freshWorkspace, makeMembership, makeWorkspace, storeDb, twoWorkspaces } from '../support/store-fixtures';
import { makeTenant } from '../support/tenant-fixtures';

/** Behaviour every DirectoryStore must show; `makeStore` may share one database across tests. */
function describeDirectoryStoreContract(makeStore: () => Promise<DirectoryStore>) {
  describe('DirectoryStore contract', () => {
    it('answers undefined for an unknown workspace and returns a saved one', async () => {
      const store = await makeStore();
      const workspace = makeWorkspace({ id: freshWorkspace().workspaceId, settings: { requireSecondApprover: true } });
      expect(await store.getWorkspace(workspace.id)).toBeUndefined();
      await store.saveWorkspace(workspace);
      expect(await store.getWorkspace(workspace.id)).toEqual(workspace);
      await store.saveWorkspace({ ...workspace, name: 'Renamed MSP' });
      expect((await store.getWorkspace(workspace.id))?.name).toBe('Renamed MSP');
    });

    it('returns a saved tenant in its workspace and lists the workspace tenants by display name', async () => {
      const store = await makeStore();
      const { workspaceId, source, target } = freshWorkspace();
      const production = makeTenant({ id: target, workspaceId, displayName: 'Contoso Production', credentials: { clientId: 'app-1', secretRef: 'CONTOSO_SECRET' } });
      const staging = makeTenant({ id: source, workspaceId, displayName: 'Contoso Staging', environment: 'staging' });
      await store.saveTenant(production);
      await store.saveTenant(staging);
      expect(await store.getTenant(workspaceId, target)).toEqual(production);
      expect(await store.listTenants(workspaceId)).toEqual([production, staging]);
    });

    it('replaces a tenant saved again under the same id', async () => {
      const store = await makeStore();
      const { workspaceId, source } = freshWorkspace();
      await store.saveTenant(makeTenant({ id: source, workspaceId, displayName: 'Contoso Lab' }));
      const renamed = makeTenant({ id: source, workspaceId, displayName: 'Contoso Staging', environment: 'staging' });
      await store.saveTenant(renamed);
      expect(await store.listTenants(workspaceId)).toEqual([renamed]);
    });

    it('lists every registered tenant of every workspace for the scheduler', async () => {
      const store = await makeStore();
      const { a, b } = twoWorkspaces();
      const ofA = makeTenant({ id: a.source, workspaceId: a.workspaceId });
      const ofB = makeTenant({ id: b.source, workspaceId: b.workspaceId });
      await store.saveTenant(ofA);
      await store.saveTenant(ofB);
      const all = await store.listAllTenants();
      expect(all).toContainEqual(ofA);
      expect(all).toContainEqual(ofB);
    });

    it('returns the memberships of an actor across workspaces, and none for a stranger', async () => {
      const store = await makeStore();
      const { a, b } = twoWorkspaces();
      const actorId = ActorId(`actor-${a.workspaceId}`);
      const inA = makeMembership({ workspaceId: a.workspaceId, actorId, tenantCapabilities: { [a.target]: ['TENANT_VIEW', 'TENANT_MANAGE'] } });
      const inB = makeMembership({ workspaceId: b.workspaceId, actorId, workspaceCapabilities: ['WORKSPACE_ADMIN'] });
      await store.saveMembership(inA);
      await store.saveMembership(inB);
      expect(await store.membershipsOf(actorId)).toEqual([inA, inB]);
      expect(await store.membershipsOf(ActorId('actor-stranger'))).toEqual([]);
    });

    it('replaces the membership of the same actor in the same workspace', async () => {
      const store = await makeStore();
      const { workspaceId } = freshWorkspace();
      const first = makeMembership({ workspaceId });
      const demoted = { ...first, workspaceCapabilities: ['WORKSPACE_BASELINES_VIEW' as const] };
      await store.saveMembership(first);
      await store.saveMembership(demoted);
      expect(await store.membershipsOf(first.actorId)).toEqual([demoted]);
    });

    it('lists the members of a workspace by display name', async () => {
      const store = await makeStore();
      const { workspaceId } = freshWorkspace();
      const megan = makeMembership({ workspaceId, displayName: 'Megan Bowen' });
      const adele = makeMembership({ workspaceId, displayName: 'Adele Vance' });
      await store.saveMembership(megan);
      await store.saveMembership(adele);
      expect(await store.listMembers(workspaceId)).toEqual([adele, megan]);
    });

    describe('in another workspace', () => {
      it('does not return a tenant of workspace B while acting in workspace A', async () => {
        const store = await makeStore();
        const { a, b } = twoWorkspaces();
        await store.saveTenant(makeTenant({ id: b.source, workspaceId: b.workspaceId }));
        expect(await store.getTenant(a.workspaceId, b.source)).toBeUndefined();
      });

      it('lists no tenant of workspace B among the tenants of workspace A', async () => {
        const store = await makeStore();
        const { a, b } = twoWorkspaces();
        const ofA = makeTenant({ id: a.source, workspaceId: a.workspaceId, displayName: 'Contoso Staging' });
        await store.saveTenant(ofA);
        await store.saveTenant(makeTenant({ id: b.source, workspaceId: b.workspaceId, displayName: 'Contoso Staging' }));
        expect(await store.listTenants(a.workspaceId)).toEqual([ofA]);
      });

      it('lists no member of workspace B among the members of workspace A', async () => {
        const store = await makeStore();
        const { a, b } = twoWorkspaces();
        const ofA = makeMembership({ workspaceId: a.workspaceId });
        await store.saveMembership(ofA);
        await store.saveMembership(makeMembership({ workspaceId: b.workspaceId }));
        expect(await store.listMembers(a.workspaceId)).toEqual([ofA]);
      });
    });
  });
}

let t: TestDb;
beforeAll(async () => {
  t = await storeDb('directory');
});
afterAll(async () => {
  await t?.close();
});

describeDirectoryStoreContract(async () => new MongoDirectoryStore(t.db));
