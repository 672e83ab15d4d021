import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { RunId } from '../../core/ids';
import type { ItemIntent, ItemJournal } from '../../core/runs/item-journal';
import { MongoItemJournal } from '../../core/store/mongo-item-journal';
import type { TestDb } from '../support/mongo';
import { at, makeRunItem, storeDb } from '../support/store-fixtures';

const freshRun = () => RunId(randomUUID());
const intent = (): ItemIntent => ({
  action: 'update',
  requests: [{ method: 'PATCH', path: '/beta/deviceManagement/deviceConfigurations/t-1' }],
  before: { kind: 'present', targetId: 't-1', payload: { passwordMinimumLength: 8 }, assignments: [] },
  at: at(10),
});

/** Behaviour every ItemJournal must show; `makeJournal` may share one database across tests. */
function describeItemJournalContract(makeJournal: () => Promise<ItemJournal>) {
  describe('ItemJournal contract', () => {
    it('claims a new item with nothing recorded before, then keeps its intent, created id and result', async () => {
      const journal = await makeJournal();
      const run = freshRun();
      expect(await journal.claim(run, 0, 1, at(0))).toEqual({ kind: 'claimed' });
      expect(await journal.recordIntent(run, 0, 1, intent())).toBe(true);
      expect(await journal.recordCreated(run, 0, 1, 't-new')).toBe(true);
      const result = makeRunItem(run, 0);
      expect(await journal.finish(run, 0, 1, result)).toBe(true);
      expect(await journal.entries(run)).toEqual([{ runId: run, index: 0, token: 1, claimedAt: at(0), intent: intent(), createdId: 't-new', result }]);
    });

    it('hands a newer executor what the former one recorded, and refuses everything the former one records afterwards', async () => {
      const journal = await makeJournal();
      const run = freshRun();
      await journal.claim(run, 3, 1, at(0));
      await journal.recordIntent(run, 3, 1, intent());
      const taken = await journal.claim(run, 3, 2, at(5));
      expect(taken).toEqual({ kind: 'claimed', previous: { runId: run, index: 3, token: 1, claimedAt: at(0), intent: intent() } });
      expect(await journal.recordCreated(run, 3, 1, 't-late')).toBe(false);
      expect(await journal.finish(run, 3, 1, makeRunItem(run, 3))).toBe(false);
      expect(await journal.recordIntent(run, 3, 1, intent())).toBe(false);
      expect((await journal.entries(run))[0]).toMatchObject({ token: 2 });
      expect((await journal.entries(run))[0]?.createdId).toBeUndefined();
    });

    it('takes back an intent whose request never went out, unless a newer executor claimed the item', async () => {
      const journal = await makeJournal();
      const run = freshRun();
      await journal.claim(run, 0, 1, at(0));
      await journal.recordIntent(run, 0, 1, intent());
      expect(await journal.withdrawIntent(run, 0, 1)).toBe(true);
      expect((await journal.entries(run))[0]?.intent).toBeUndefined();
      await journal.recordIntent(run, 0, 1, intent());
      await journal.claim(run, 0, 2, at(1));
      expect(await journal.withdrawIntent(run, 0, 1)).toBe(false);
      expect((await journal.entries(run))[0]?.intent).toEqual(intent());
    });

    it('fences out an executor with an older or equal token from claiming an item', async () => {
      const journal = await makeJournal();
      const run = freshRun();
      await journal.claim(run, 0, 5, at(0));
      expect(await journal.claim(run, 0, 4, at(1))).toEqual({ kind: 'fenced', token: 5 });
      expect(await journal.claim(run, 0, 5, at(1))).toEqual({ kind: 'fenced', token: 5 });
    });

    it('never lets a finished item be claimed again, even by a newer executor, and returns its result', async () => {
      const journal = await makeJournal();
      const run = freshRun();
      await journal.claim(run, 1, 1, at(0));
      const result = makeRunItem(run, 1);
      await journal.finish(run, 1, 1, result);
      const again = await journal.claim(run, 1, 9, at(5));
      expect(again).toMatchObject({ kind: 'finished', entry: { token: 1, result } });
    });

    it('lets exactly one of two executors with different tokens hold an item claimed at the same time', async () => {
      const journal = await makeJournal();
      const run = freshRun();
      const [a, b] = await Promise.all([journal.claim(run, 0, 1, at(0)), journal.claim(run, 0, 2, at(0))]);
      const entry = (await journal.entries(run))[0]!;
      expect(entry.token).toBe(2);
      // Whatever the order, only token 2 may record from now on.
      expect([a.kind, b.kind]).toContain('claimed');
      expect(await journal.recordIntent(run, 0, 1, intent())).toBe(false);
      expect(await journal.recordIntent(run, 0, 2, intent())).toBe(true);
    });

    it('keeps the after-image verification reads back, for items any earlier holder finished, but not from a fenced-out one', async () => {
      const journal = await makeJournal();
      const run = freshRun();
      await journal.claim(run, 0, 1, at(0));
      await journal.finish(run, 0, 1, makeRunItem(run, 0));
      const after = { targetId: 't-0', payload: { passwordMinimumLength: 12 }, assignments: [] };
      expect(await journal.recordAfterImage(run, 0, 2, after)).toBe(true);
      expect((await journal.entries(run))[0]?.after).toEqual(after);
      await journal.claim(run, 1, 5, at(0));
      expect(await journal.recordAfterImage(run, 1, 4, after)).toBe(false);
      expect(await journal.recordAfterImage(run, 9, 4, after)).toBe(true);
    });

    it('lists only the run\'s own entries, in item order', async () => {
      const journal = await makeJournal();
      const [run, other] = [freshRun(), freshRun()];
      await journal.claim(run, 2, 1, at(0));
      await journal.claim(run, 0, 1, at(0));
      await journal.claim(other, 1, 1, at(0));
      expect((await journal.entries(run)).map((e) => e.index)).toEqual([0, 2]);
    });
  });
}

let t: TestDb;
beforeAll(async () => {
  t = await storeDb('journal');
});
afterAll(async () => {
  await t?.close();
});

describeItemJournalContract(async () => new MongoItemJournal(t.db));
