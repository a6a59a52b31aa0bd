import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** Where the tests find PostgreSQL: the local cluster over its socket, as `.ci/run` sets it up. */
export const PG_ADMIN_URL = process.env.MEJA_TEST_PG_URL ?? 'postgres://root@localhost/postgres?host=/var/run/postgresql';

const isCi = process.env.CI === 'true';

let available: boolean | undefined;

/** True if PostgreSQL answers. In CI a missing PostgreSQL is an error, never a skip. */
export const postgresAvailable = async (): Promise<boolean> => {
  if (available !== undefined) return available;
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    available = true;
  } catch (error) {
    if (isCi) throw new Error(`PostgreSQL is required in CI and did not answer at ${PG_ADMIN_URL}: ${String(error)}`, { cause: error });
    available = false;
  } finally {
    await client.end().catch(() => undefined);
  }
  return available;
};

const withUrlDatabase = (url: string, database: string): string => {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
};

export type TestDatabase = { url: string; kind: 'sqlite' | 'postgres'; drop: () => Promise<void> };

/** A new, empty PostgreSQL database for one test file, dropped afterwards. */
export const createPostgresDatabase = async (): Promise<TestDatabase> => {
  const name = `meja_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  return {
    url: withUrlDatabase(PG_ADMIN_URL, name),
    kind: 'postgres',
    drop: async () => {
      const client = new pg.Client({ connectionString: PG_ADMIN_URL });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
};

/** A new SQLite file in a temporary folder, removed afterwards. */
export const createSqliteDatabase = async (): Promise<TestDatabase> => {
  const dir = mkdtempSync(join(tmpdir(), 'meja-test-'));
  return {
    url: `sqlite:${join(dir, 'meja.sqlite')}`,
    kind: 'sqlite',
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
};

/** The engines a server test runs against: SQLite always, PostgreSQL when it answers (always in CI). */
export const databaseKinds = async (): Promise<Array<'sqlite' | 'postgres'>> =>
  (await postgresAvailable()) ? ['sqlite', 'postgres'] : ['sqlite'];

export const createDatabase = (kind: 'sqlite' | 'postgres'): Promise<TestDatabase> =>
  kind === 'sqlite' ? createSqliteDatabase() : createPostgresDatabase();
