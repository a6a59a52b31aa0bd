import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'shared/**/*.test.ts',
      'server/**/*.test.ts',
      'renderer/**/*.test.ts',
      'electron/**/*.test.ts',
      'tests/**/*.test.ts',
      'scripts/**/*.test.ts',
      'bench/**/*.test.ts',
    ],
    setupFiles: ['fake-indexeddb/auto'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // One PostgreSQL for the run (MEJA_TEST_PG_URL's, or a throwaway cluster of the run's own), given
    // to the files with `inject('pgAdminUrl')`; each file makes its own database, so files may run in parallel.
    // And clamd installed where it can be (the attachment tests start their own with made signatures).
    globalSetup: ['tests/support/postgresGlobalSetup.ts', 'tests/support/clamdGlobalSetup.ts'],
    pool: 'forks',
  },
});
