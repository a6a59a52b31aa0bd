import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { createPostgresDatabaseOn, type TestDatabase } from './postgresDatabase';

export type { TestDatabase } from './postgresDatabase';

/**
 * The engines every server test runs against, always both: PostgreSQL comes from the run's global
 * setup (tests/support/postgresGlobalSetup.ts), which fails the run where it cannot provide one.
 */
export const DATABASE_KINDS = ['sqlite', 'postgres'] as const;
export type DatabaseKind = (typeof DATABASE_KINDS)[number];

/** Superuser URL of this run's PostgreSQL (MEJA_TEST_PG_URL's server or the run's throwaway cluster). */
export const pgAdminUrl = (): string => inject('pgAdminUrl');

/** A new, empty PostgreSQL database for one test file, dropped afterwards. */
export const createPostgresDatabase = (): Promise<TestDatabase> => createPostgresDatabaseOn(pgAdminUrl());

/** A new SQLite file in a temporary folder, removed afterwards. */
export const createSqliteDatabase = async (): Promise<TestDatabase> => {
  const dir = mkdtempSync(join(tmpdir(), 'meja-test-'));
  return {
    url: `sqlite:${join(dir, 'meja.sqlite')}`,
    kind: 'sqlite',
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
};

export const createDatabase = (kind: DatabaseKind): Promise<TestDatabase> => (kind === 'sqlite' ? createSqliteDatabase() : createPostgresDatabase());
