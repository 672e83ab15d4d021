// The benchmark run's one MongoDB (MONGODB_URI, else an embedded server), started on first use; each user gets
// its own database, dropped when the run ends.
import { randomBytes } from 'node:crypto';
import { MongoClient, type Db } from 'mongodb';
import { resolveMongo, type ResolvedMongo } from '../../core/store/mongo-resolver';

/** A database of its own on the run's server, and the server URI naming it as the default database. */
export interface BenchDb {
  db: Db;
  name: string;
  uri: string;
}

export class BenchMongo {
  private server?: Promise<ResolvedMongo>;
  private readonly clients: MongoClient[] = [];
  private readonly databases: Db[] = [];
  kind: string | undefined;

  constructor(private readonly log: (line: string) => void) {}

  /** A fresh, uniquely named database (`bench_<purpose>_<hex>`). */
  async database(purpose: string): Promise<BenchDb> {
    this.server ??= resolveMongo({ log: (m) => this.log(`mongo: ${m}`) });
    const server = await this.server;
    this.kind = server.kind;
    const name = `bench_${purpose}_${randomBytes(3).toString('hex')}`;
    const client = await MongoClient.connect(server.uri, { serverSelectionTimeoutMS: 10_000 });
    this.clients.push(client);
    const db = client.db(name);
    this.databases.push(db);
    return { db, name, uri: withDatabase(server.uri, name) };
  }

  /** Drops every database handed out and stops the server if this run started it. */
  async stop(): Promise<void> {
    for (const db of this.databases) await db.dropDatabase().catch(() => undefined);
    for (const client of this.clients) await client.close().catch(() => undefined);
    if (this.server) await (await this.server).stop().catch(() => undefined);
  }
}

/** `mongodb://host:port/?x` → `mongodb://host:port/<name>?x`. */
function withDatabase(uri: string, name: string): string {
  const match = /^(mongodb(?:\+srv)?:\/\/[^/?]*)(?:\/[^?]*)?(\?.*)?$/.exec(uri);
  return match ? `${match[1]}/${name}${match[2] ?? ''}` : uri;
}
