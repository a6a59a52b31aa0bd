import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'server/**/*.test.ts', 'renderer/**/*.test.ts', 'electron/**/*.test.ts', 'tests/**/*.test.ts', 'scripts/**/*.test.ts'],
    setupFiles: ['fake-indexeddb/auto'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Server tests share one PostgreSQL cluster; each file makes its own database, so files may run in parallel.
    pool: 'forks',
  },
});
