// One MongoDB resolution for demo mode (`npm start`) and the test run, so both exercise the
// same server kinds in the same order:
//   1. MONGODB_URI (or opts.uri), used as is;
//   2. mongodb-memory-server: a real mongod, needs its binary (downloaded once, internet);
//   3. mongo-java-server: offline MongoDB-compatible server, needs Java 17 (+ Maven for the first build).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tryMemoryServer } from './mongo-memory.js';
import { startMongoJavaServer } from './mongo-java-server.js';

export type MongoKind = 'uri' | 'memory-server' | 'mongo-java-server';

export interface ResolvedMongo {
  uri: string;
  kind: MongoKind;
  stop(): Promise<void>;
}

export interface ResolveMongoOptions {
  /** Defaults to process.env.MONGODB_URI. */
  uri?: string;
  /** Persistent dbPath for mongodb-memory-server (demo mode: `.data/mongo`); omitted = temporary. */
  dataDir?: string;
  log?: (msg: string) => void;
  /** Default true; false skips straight to mongo-java-server. */
  allowMemoryServer?: boolean;
}

export class MongoUnavailable extends Error {
  override readonly name = 'MongoUnavailable';
  constructor(readonly reasons: string[]) {
    super(
      'No MongoDB available. Either set MONGODB_URI=mongodb://<host>:27017/<db> to use an existing server, ' +
        'or install Java 17 + Maven 3 (java, javac and mvn on PATH) for the offline mongo-java-server fallback. ' +
        `Tried: ${reasons.join('; ')}`,
    );
  }
}

/** Repository root (this file lives in core/store/). */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Where demo mode keeps its mongod data (gitignored). */
export const DEMO_DATA_DIR = path.join(REPO_ROOT, '.data', 'mongo');

export async function resolveMongo(opts: ResolveMongoOptions = {}): Promise<ResolvedMongo> {
  const log = opts.log ?? ((msg: string) => console.log(`[mongo] ${msg}`));
  const announce = (r: ResolvedMongo, extra = ''): ResolvedMongo => {
    log(`using MongoDB ${redact(r.uri)} (${r.kind}${extra})`);
    return r;
  };

  const uri = opts.uri || process.env.MONGODB_URI;
  if (uri) return announce({ uri, kind: 'uri', stop: async () => {} });

  const reasons: string[] = [];
  if (opts.allowMemoryServer ?? true) {
    const attempt = await tryMemoryServer({ dataDir: opts.dataDir, log });
    if (attempt.ok) {
      return announce({ kind: 'memory-server', ...attempt.server }, opts.dataDir ? `, data in ${opts.dataDir}` : ', temporary data');
    }
    reasons.push(attempt.reason);
    log(`mongodb-memory-server unavailable: ${attempt.reason}; trying mongo-java-server`);
  } else {
    reasons.push('mongodb-memory-server disabled by caller');
  }

  try {
    const server = await startMongoJavaServer({ root: REPO_ROOT, log });
    // In-memory backend: nothing survives a restart, say so rather than surprise the demo user.
    return announce({ kind: 'mongo-java-server', ...server }, ', in-memory, data is lost on exit');
  } catch (err) {
    reasons.push(`mongo-java-server: ${(err as Error).message}`);
  }
  throw new MongoUnavailable(reasons);
}

/** Connection string without user:password, for logs. */
export function redact(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, '//<credentials>@');
}
