// The MongoDB server of the vitest run (test/support/global-setup.ts), for the npm-test variants of the scenarios.
import { inject } from 'vitest';

/** The server's uri; fails the test with the reason when the run has no MongoDB. */
export function testServerUri(): string {
  const uri = inject('mongoUri');
  if (!uri) throw new Error(inject('mongoUnavailable') || 'test/support/global-setup.ts provided no MongoDB');
  return uri;
}
