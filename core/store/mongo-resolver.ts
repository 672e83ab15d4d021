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
  /**
   * mongo-java-server's backend: 'h2' keeps the data in an MVStore file (in `dataDir`'s sibling `mongo-h2/`, or in
   * `h2File`), 'memory' keeps nothing. Default: 'h2' when a dataDir is given (demo mode), else 'memory' (tests).
   */
  javaBackend?: 'memory' | 'h2';
  /** The H2 file, overriding the one derived from dataDir. */
  h2File?: string;
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
    const h2File = javaH2File(opts);
    const server = await startMongoJavaServer({ root: REPO_ROOT, log, ...(h2File ? { h2File } : {}) });
    // Say where the data lives, or that nothing survives a restart, rather than surprise the demo user.
    return announce({ kind: 'mongo-java-server', ...server }, h2File ? `, H2 backend, data in ${path.relative(REPO_ROOT, h2File) || h2File}` : ', in-memory, data is lost on exit');
  } catch (err) {
    reasons.push(`mongo-java-server: ${(err as Error).message}`);
  }
  throw new MongoUnavailable(reasons);
}

/** The H2 file mongo-java-server should keep its data in, or undefined for the in-memory backend. */
function javaH2File(opts: ResolveMongoOptions): string | undefined {
  const backend = opts.javaBackend ?? (opts.dataDir || opts.h2File ? 'h2' : 'memory');
  if (backend === 'memory') return undefined;
  if (opts.h2File) return opts.h2File;
  if (!opts.dataDir) throw new Error('the H2 backend needs a data folder or file');
  // A sibling of mongod's dbPath: the two servers' files never mix.
  return path.join(path.dirname(opts.dataDir), 'mongo-h2', 'tenantatlas.mv.db');
}

/** Connection string without user:password, for logs. */
export function redact(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, '//<credentials>@');
}
