import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditLog } from '../../core/audit/model';
import { COLLECTIONS } from '../../core/store/collections';
import { MongoAuditLog } from '../../core/store/mongo-audit-log';
import type { TestDb } from '../support/mongo';
import { FIXTURE_NOW } from '../support/inventory-builder';
import { at, freshWorkspace, makeAuditEvent, storeDb, twoWorkspaces } from '../support/store-fixtures';

const ALL = { offset: 0, limit: 1_000 };

/** Behaviour every AuditLog must show; `makeStore` may share one database across tests. */
function describeAuditLogContract(makeStore: () => Promise<AuditLog>) {
  describe('AuditLog contract', () => {
    it('returns the appended event with a generated id and lists it unchanged', async () => {
      const log = await makeStore();
      const { workspaceId } = freshWorkspace();
      const event = makeAuditEvent({ workspaceId, metadata: { fingerprint: 'fp-1', ready: 3, tenants: ['a', 'b'], note: null, dryRun: false } });
      const appended = await log.append(event);
      expect(appended).toEqual({ ...event, id: expect.any(String) });
      expect(await log.list(workspaceId, ALL)).toEqual({ events: [appended], total: 1 });
    });

    it('gives every event its own id', async () => {
      const log = await makeStore();
      const { workspaceId } = freshWorkspace();
      const events = await Promise.all(Array.from({ length: 20 }, () => log.append(makeAuditEvent({ workspaceId }))));
      expect(new Set(events.map((e) => e.id)).size).toBe(20);
    });

    it('lists newest first by time, whatever the order of appending', async () => {
      const log = await makeStore();
      const { workspaceId } = freshWorkspace();
      const late = await log.append(makeAuditEvent({ workspaceId, at: at(2_000), action: 'promotion.execute.completed' }));
      const early = await log.append(makeAuditEvent({ workspaceId, at: at(0), action: 'promotion.preflight.generated' }));
      const middle = await log.append(makeAuditEvent({ workspaceId, at: at(1_000), action: 'promotion.execute.started' }));
      expect((await log.list(workspaceId, ALL)).events.map((e) => e.id)).toEqual([late.id, middle.id, early.id]);
    });

    it('keeps the order of events appended within one millisecond', async () => {
      const log = await makeStore();
      const { workspaceId } = freshWorkspace();
      const actions = ['promotion.preflight.generated', 'promotion.execute.started', 'promotion.execute.completed'] as const;
      const appended = [];
      for (const action of actions) appended.push(await log.append(makeAuditEvent({ workspaceId, at: FIXTURE_NOW, action })));
      const listed = (await log.list(workspaceId, ALL)).events;
      expect(listed.map((e) => e.action)).toEqual([...actions].reverse());
      expect(listed.map((e) => e.id)).toEqual(appended.map((e) => e.id).reverse());
    });

    it('pages newest first with the total of the workspace', async () => {
      const log = await makeStore();
      const { workspaceId } = freshWorkspace();
      const appended = [];
      for (let i = 0; i < 7; i++) appended.push(await log.append(makeAuditEvent({ workspaceId, at: at(i * 1_000) })));

      const pages = [await log.list(workspaceId, { offset: 0, limit: 3 }), await log.list(workspaceId, { offset: 3, limit: 3 }), await log.list(workspaceId, { offset: 6, limit: 3 })];
      expect(pages.map((p) => p.total)).toEqual([7, 7, 7]);
      expect(pages.map((p) => p.events.length)).toEqual([3, 3, 1]);
      expect(pages.flatMap((p) => p.events.map((e) => e.id))).toEqual(appended.map((e) => e.id).reverse());
      expect(await log.list(workspaceId, { offset: 7, limit: 3 })).toEqual({ events: [], total: 7 });
    });

    it('still lists every event after many appends', async () => {
      const log = await makeStore();
      const { workspaceId } = freshWorkspace();
      const appended = [];
      for (let i = 0; i < 60; i++) appended.push(await log.append(makeAuditEvent({ workspaceId, at: at(i), metadata: { i } })));
      const { events, total } = await log.list(workspaceId, ALL);
      expect(total).toBe(60);
      expect(events).toEqual([...appended].reverse());
    });

    it('offers no way to change or delete an event', async () => {
      const log = await makeStore();
      const methods = new Set<string>();
      for (let o = log; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
        for (const name of Object.getOwnPropertyNames(o)) {
          const property = Object.getOwnPropertyDescriptor(o, name);
          if (name !== 'constructor' && typeof property?.value === 'function') methods.add(name);
        }
      }
      expect([...methods].sort()).toEqual(['append', 'list']);
    });

    describe('in another workspace', () => {
      it('neither lists nor counts events of workspace B in workspace A', async () => {
        const log = await makeStore();
        const { a, b } = twoWorkspaces();
        const ofA = await log.append(makeAuditEvent({ workspaceId: a.workspaceId, tenantIds: [a.source, a.target] }));
        await log.append(makeAuditEvent({ workspaceId: b.workspaceId, at: at(1), tenantIds: [a.source, a.target] }));
        await log.append(makeAuditEvent({ workspaceId: b.workspaceId, at: at(2), tenantIds: [b.source] }));
        expect(await log.list(a.workspaceId, ALL)).toEqual({ events: [ofA], total: 1 });
        expect((await log.list(b.workspaceId, ALL)).total).toBe(2);
      });
    });
  });
}

let t: TestDb;
beforeAll(async () => {
  t = await storeDb('audit');
});
afterAll(async () => {
  await t?.close();
});

describeAuditLogContract(async () => new MongoAuditLog(t.db));

describe('MongoAuditLog storage', () => {
  it('keeps one document per appended event, as appended', async () => {
    const log = new MongoAuditLog(t.db);
    const { workspaceId } = freshWorkspace();
    const appended = [];
    for (let i = 0; i < 40; i++) appended.push(await log.append(makeAuditEvent({ workspaceId, at: at(i % 5), metadata: { i } })));

    const docs = await t.db.collection(COLLECTIONS.auditEvents).find({ workspaceId }).toArray();
    expect(docs).toHaveLength(40);
    const byId = new Map(docs.map(({ _id, seq: _seq, ...rest }) => [String(_id), rest]));
    for (const { id, ...event } of appended) expect(byId.get(id)).toEqual(event);
  });
});
