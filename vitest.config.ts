import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Starts (or connects to) the one MongoDB of the run; see test/support/global-setup.ts.
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    // Store and job tests talk to a real server; the first Java build runs in globalSetup (hookTimeout does not apply there).
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
