// One MongoDB for the whole vitest run (respects MONGODB_URI); test files get their own
// database on it through test/support/mongo.ts.
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
    const mongo = await resolveMongo({ log: (msg) => console.log(`[test mongo] ${msg}`) });
    console.log(`[test mongo] ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    project.provide('mongoUri', mongo.uri);
    project.provide('mongoKind', mongo.kind);
    project.provide('mongoUnavailable', '');
    return () => mongo.stop();
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
