// One MongoDB for the whole vitest run (respects MONGODB_URI); test files get their own
// database on it through test/support/mongo.ts.
// TEST_MONGO_BACKEND=h2 runs the suites on mongo-java-server's H2 backend (the one demo mode keeps its data in)
// instead of the fastest server available, so the store contracts are proven on both backends.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { resolveMongo, MongoUnavailable } from '../../core/store/mongo-resolver.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Empty string when no MongoDB could be had (outside CI only); testDb() then fails with the reason. */
    mongoUri: string;
    mongoKind: string;
    mongoUnavailable: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  try {
    const log = (msg: string) => console.log(`[test mongo] ${msg}`);
    const h2Dir = process.env.TEST_MONGO_BACKEND === 'h2' ? await mkdtemp(path.join(tmpdir(), 'tenantatlas-h2-')) : undefined;
    const mongo = h2Dir
      ? await resolveMongo({ uri: '', allowMemoryServer: false, javaBackend: 'h2', h2File: path.join(h2Dir, 'test.mv.db'), log })
      : await resolveMongo({ log });
    console.log(`[test mongo] ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    project.provide('mongoUri', mongo.uri);
    project.provide('mongoKind', h2Dir ? `${mongo.kind} (H2 backend)` : mongo.kind);
    project.provide('mongoUnavailable', '');
    return async () => {
      await mongo.stop();
      if (h2Dir) await rm(h2Dir, { recursive: true, force: true });
    };
  } catch (err) {
    // In CI a missing database is a broken pipeline, never a silent skip.
    if (process.env.CI === 'true' || !(err instanceof MongoUnavailable)) throw err;
    console.warn(`[test mongo] ${err.message}`);
    project.provide('mongoUri', '');
    project.provide('mongoKind', 'none');
    project.provide('mongoUnavailable', err.message);
    return async () => {};
  }
}
