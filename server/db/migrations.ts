import { Migrator, type MigrationProvider } from 'kysely';
import type { DatabaseKind } from '../config';
import type { Db } from './connect';
import { migrationsFor } from './migrationList';

/** Every migration this version knows, in order; a database that lists another was made by a newer Meja. */
export const MIGRATION_NAMES: readonly string[] = Object.keys(migrationsFor('sqlite')).sort();

const provider = (kind: DatabaseKind): MigrationProvider => ({ getMigrations: async () => migrationsFor(kind) });

/** Migrates up to and including the named migration (tests of an upgrade from an older schema). */
export const migrateUpTo = async (db: Db, kind: DatabaseKind, name: string): Promise<void> => {
  const { error, results } = await new Migrator({ db, provider: provider(kind) }).migrateTo(name);
  const failed = results?.find((result) => result.status === 'Error');
  if (error !== undefined || failed !== undefined) throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
};

/**
 * Brings the schema up to date. Kysely's migrator takes a lock (a table lock on PostgreSQL), so
 * several instances starting at once run each migration once.
 */
export const migrateToLatest = async (db: Db, kind: DatabaseKind): Promise<void> => {
  const migrator = new Migrator({ db, provider: provider(kind) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error !== undefined || failed !== undefined) {
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
};
