// Each test file gets its own uniquely named database on the run's single server
// (started once in global-setup.ts), so files can run in parallel without interfering.
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { MongoClient, type Db } from 'mongodb';

export interface TestDb {
  client: MongoClient;
  db: Db;
  uri: string;
  close(): Promise<void>;
}

export async function testDb(name = 'test'): Promise<TestDb> {
  const uri = inject('mongoUri');
  if (!uri) throw new Error(inject('mongoUnavailable') || 'test/support/global-setup.ts did not provide a MongoDB');
  const client = await MongoClient.connect(uri, { serverSelectionTimeoutMS: 5_000 });
  // MongoDB database names are limited to 63 bytes and must avoid /\. "$ and spaces.
  const dbName = `t_${name.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40)}_${randomBytes(4).toString('hex')}`;
  const db = client.db(dbName);
  return {
    client,
    db,
    uri: dbUri(uri, dbName),
    async close() {
      await db.dropDatabase().catch(() => {});
      await client.close();
    },
  };
}

/** The server uri with the test database as its default database (for code that takes a uri). */
export function dbUri(serverUri: string, dbName: string): string {
  // String surgery instead of URL: mongodb:// allows multi-host lists URL cannot parse.
  const m = /^(mongodb(?:\+srv)?:\/\/([^/?]*))(?:\/([^?]*))?(?:\?(.*))?$/.exec(serverUri);
  if (!m) return serverUri;
  const [, base, hosts = '', oldDb, query] = m;
  const params = new URLSearchParams(query ?? '');
  // The path database doubles as the default authSource; keep authenticating where we did.
  if (hosts.includes('@') && !params.has('authSource')) params.set('authSource', oldDb || 'admin');
  const search = params.toString();
  return `${base}/${dbName}${search ? `?${search}` : ''}`;
}
