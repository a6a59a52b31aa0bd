import type { TestProject } from 'vitest/node';
import { postgresForRun, type PostgresForRun } from './throwawayPostgres';

/*
 * Vitest's global setup: one PostgreSQL for the whole run (MEJA_TEST_PG_URL's, or a throwaway
 * cluster), handed to the test files through `inject('pgAdminUrl')` (tests/support/databases.ts).
 * Each test file makes its own database on it.
 */

declare module 'vitest' {
  // Module augmentation needs an interface.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

let postgres: PostgresForRun | null = null;

export const setup = async (project: TestProject): Promise<void> => {
  postgres = await postgresForRun();
  process.stdout.write(`PostgreSQL for this run: ${postgres.description}\n`);
  project.provide('pgAdminUrl', postgres.adminUrl);
};

export const teardown = async (): Promise<void> => {
  await postgres?.stop();
  postgres = null;
};
