// Whatever MongoDB the resolver picked (real mongod or mongo-java-server) must support the
// operations the stores rely on, with real MongoDB semantics.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { MongoServerError, type Db } from 'mongodb';
import { testDb, type TestDb } from '../support/mongo.js';
import { redact } from '../../core/store/mongo-resolver.js';

let t: TestDb;
let db: Db;

beforeAll(async () => {
  t = await testDb('resolver');
  db = t.db;
});
afterAll(async () => {
  await t?.close();
});

describe(`resolved MongoDB (${inject('mongoKind')})`, () => {
  it('announces wire version >= 9 via hello and buildInfo', async () => {
    const hello = await db.admin().command({ hello: 1 });
    expect(hello.maxWireVersion).toBeGreaterThanOrEqual(9);
    const info = await db.admin().command({ buildInfo: 1 });
    expect(info.versionArray[0] * 100 + info.versionArray[1]).toBeGreaterThanOrEqual(404);
  });

  it('inserts, finds and rejects a duplicate _id with code 11000', async () => {
    const c = db.collection<{ _id: string; n: number }>('docs');
    await c.insertOne({ _id: 'a', n: 1 });
    expect(await c.findOne({ _id: 'a' })).toEqual({ _id: 'a', n: 1 });
    const err = await c.insertOne({ _id: 'a', n: 2 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MongoServerError);
    expect((err as MongoServerError).code).toBe(11000);
  });

  it('enforces a unique compound index', async () => {
    const c = db.collection('pairs');
    await c.createIndex({ tenant: 1, key: 1 }, { unique: true, name: 'tenant_key' });
    await c.insertOne({ tenant: 't1', key: 'k' });
    await c.insertOne({ tenant: 't2', key: 'k' });
    const err = await c.insertOne({ tenant: 't1', key: 'k' }).catch((e: unknown) => e);
    expect((err as MongoServerError).code).toBe(11000);
  });

  it('findOneAndUpdate upserts and returns the document after the update', async () => {
    const c = db.collection<{ _id: string; count: number; tags?: string[] }>('counters');
    const first = await c.findOneAndUpdate({ _id: 'x' }, { $inc: { count: 1 } }, { upsert: true, returnDocument: 'after' });
    expect(first).toEqual({ _id: 'x', count: 1 });
    const second = await c.findOneAndUpdate({ _id: 'x' }, { $inc: { count: 1 } }, { upsert: true, returnDocument: 'after' });
    expect(second?.count).toBe(2);
  });

  it('updateOne applies $set, $inc and $push together', async () => {
    const c = db.collection<{ _id: string; status?: string; n: number; log: string[] }>('runs');
    await c.insertOne({ _id: 'r', n: 0, log: [] });
    const res = await c.updateOne({ _id: 'r' }, { $set: { status: 'done' }, $inc: { n: 5 }, $push: { log: 'started' } });
    expect(res.modifiedCount).toBe(1);
    expect(await c.findOne({ _id: 'r' })).toEqual({ _id: 'r', status: 'done', n: 5, log: ['started'] });
  });

  it('aggregates with $match/$group/$sort and counts/deletes', async () => {
    const c = db.collection('events');
    await c.insertMany([
      { tenant: 'a', kind: 'diff', size: 3 },
      { tenant: 'a', kind: 'diff', size: 4 },
      { tenant: 'b', kind: 'diff', size: 10 },
      { tenant: 'b', kind: 'noise', size: 100 },
    ]);
    const rows = await c
      .aggregate([{ $match: { kind: 'diff' } }, { $group: { _id: '$tenant', total: { $sum: '$size' }, n: { $sum: 1 } } }, { $sort: { total: -1 } }])
      .toArray();
    expect(rows).toEqual([
      { _id: 'b', total: 10, n: 1 },
      { _id: 'a', total: 7, n: 2 },
    ]);
    expect(await c.countDocuments({ tenant: 'a' })).toBe(2);
    expect((await c.deleteMany({ tenant: 'a' })).deletedCount).toBe(2);
    expect(await c.countDocuments({})).toBe(2);
  });
});

describe('redact', () => {
  it('hides credentials in logged uris', () => {
    expect(redact('mongodb://user:secret@h:1/db')).toBe('mongodb://<credentials>@h:1/db');
    expect(redact('mongodb://h:1')).toBe('mongodb://h:1');
  });
});
