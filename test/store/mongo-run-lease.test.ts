import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { RunId } from '../../core/ids';
import type { RunLease } from '../../core/runs/run-lease';
import { MongoRunLease } from '../../core/store/mongo-run-lease';
import type { TestDb } from '../support/mongo';
import { at, storeDb } from '../support/store-fixtures';

const TTL = 60_000;
const freshRun = () => RunId(randomUUID());

/** Behaviour every RunLease must show; `makeLease` may share one database across tests. */
function describeRunLeaseContract(makeLease: () => Promise<RunLease>) {
  describe('RunLease contract', () => {
    it('grants a free run to the first executor and tells the second who holds it until when', async () => {
      const lease = await makeLease();
      const run = freshRun();
      const first = await lease.acquire(run, 'worker-a', TTL, at(0));
      expect(first).toMatchObject({ kind: 'granted', grant: { runId: run, owner: 'worker-a', expiresAt: at(TTL) } });
      expect(await lease.acquire(run, 'worker-b', TTL, at(1_000))).toEqual({ kind: 'held', owner: 'worker-a', expiresAt: at(TTL) });
    });

    it('lets exactly one of many simultaneous executors win', async () => {
      const lease = await makeLease();
      const run = freshRun();
      const attempts = await Promise.all(Array.from({ length: 8 }, (_, i) => lease.acquire(run, `worker-${i}`, TTL, at(0))));
      expect(attempts.filter((a) => a.kind === 'granted')).toHaveLength(1);
    });

    it('hands an expired lease to the next executor with a larger fencing token, and the former holder can no longer renew', async () => {
      const lease = await makeLease();
      const run = freshRun();
      const first = await lease.acquire(run, 'worker-a', TTL, at(0));
      if (first.kind !== 'granted') throw new Error('not granted');
      const second = await lease.acquire(run, 'worker-b', TTL, at(TTL));
      if (second.kind !== 'granted') throw new Error('expired lease not handed over');
      expect(second.grant.token).toBeGreaterThan(first.grant.token);
      expect(await lease.renew(first.grant, TTL, at(TTL + 1))).toBeUndefined();
      expect(await lease.holder(run)).toMatchObject({ owner: 'worker-b', token: second.grant.token });
    });

    it('extends a lease its holder renews, so nobody can take it while the holder works', async () => {
      const lease = await makeLease();
      const run = freshRun();
      const first = await lease.acquire(run, 'worker-a', TTL, at(0));
      if (first.kind !== 'granted') throw new Error('not granted');
      const renewed = await lease.renew(first.grant, TTL, at(TTL - 1_000));
      expect(renewed).toMatchObject({ token: first.grant.token, expiresAt: at(2 * TTL - 1_000) });
      expect(await lease.acquire(run, 'worker-b', TTL, at(TTL + 1_000))).toMatchObject({ kind: 'held', owner: 'worker-a' });
    });

    it('frees a released lease at once for the next executor', async () => {
      const lease = await makeLease();
      const run = freshRun();
      const first = await lease.acquire(run, 'worker-a', TTL, at(0));
      if (first.kind !== 'granted') throw new Error('not granted');
      await lease.release(first.grant);
      expect(await lease.acquire(run, 'worker-b', TTL, at(1))).toMatchObject({ kind: 'granted', grant: { owner: 'worker-b' } });
    });

    it('ignores a release by a former holder, which must not free the new holder\'s lease', async () => {
      const lease = await makeLease();
      const run = freshRun();
      const first = await lease.acquire(run, 'worker-a', TTL, at(0));
      if (first.kind !== 'granted') throw new Error('not granted');
      await lease.acquire(run, 'worker-b', TTL, at(TTL));
      await lease.release(first.grant);
      expect(await lease.acquire(run, 'worker-c', TTL, at(TTL + 1))).toMatchObject({ kind: 'held', owner: 'worker-b' });
    });

    it('keeps the leases of different runs apart', async () => {
      const lease = await makeLease();
      const [one, two] = [freshRun(), freshRun()];
      expect((await lease.acquire(one, 'worker-a', TTL, at(0))).kind).toBe('granted');
      expect((await lease.acquire(two, 'worker-b', TTL, at(0))).kind).toBe('granted');
      expect(await lease.holder(freshRun())).toBeUndefined();
    });
  });
}

let t: TestDb;
beforeAll(async () => {
  t = await storeDb('leases');
});
afterAll(async () => {
  await t?.close();
});

describeRunLeaseContract(async () => new MongoRunLease(t.db));
