import { sql } from 'kysely';
import type { DatabaseKind } from '../config';
import type { Db } from '../db/connect';
import { migrateToLatest, MIGRATION_NAMES } from '../db/migrations';
import { Refused } from './refused';
import { existingTables } from './targetTables';

/** Which migrations a database has had, or null when it is no Meja database (no migration table or no meta). */
export const appliedMigrations = async (db: Db, kind: DatabaseKind): Promise<string[] | null> => {
  const tables = new Set((await existingTables(db, kind)).map((name) => name.replace(/^public\./, '')));
  if (!tables.has('kysely_migration') || !tables.has('meta')) return null;
  const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return rows.map((row) => row.name);
};

/** Migrations a database has had that this version does not know: it was written by a newer Meja. */
export const newerThanThis = (applied: readonly string[]): string[] => applied.filter((name) => !MIGRATION_NAMES.includes(name));

export const newerBackup = (what: string, newer: readonly string[]): Refused =>
  new Refused(`${what} was made by a newer Meja (migrations ${newer.join(', ')} are unknown to this version): restore it with that version.`);

/**
 * A restored database brought to this version's schema, as the server would at start. One made by
 * a newer Meja (migrations this version does not know) is refused: this version would misread it.
 */
export const upgradeRestored = async (db: Db, kind: DatabaseKind, what: string): Promise<void> => {
  const applied = await appliedMigrations(db, kind);
  if (applied === null) throw new Refused(`${what} is not a Meja database: it has no meta or migration table.`);
  const newer = newerThanThis(applied);
  if (newer.length > 0) throw newerBackup(what, newer);
  await migrateToLatest(db, kind);
};

/** The source of a copy must be a Meja database at exactly this version's schema: the copy reads every column this version knows. */
export const checkCopySource = async (db: Db, kind: DatabaseKind): Promise<void> => {
  const applied = await appliedMigrations(db, kind);
  if (applied === null) throw new Refused('The source is not a Meja database: it has no meta or migration table.');
  const newer = newerThanThis(applied);
  if (newer.length > 0)
    throw new Refused(`The source was written by a newer Meja (migrations ${newer.join(', ')} are unknown to this version): copy it with that version.`);
  const missing = MIGRATION_NAMES.filter((name) => !applied.includes(name));
  if (missing.length > 0) {
    throw new Refused(
      `The source has an older schema (without ${missing.join(', ')}): start this version's server on it once (it migrates at start), or copy it with the version that wrote it.`,
    );
  }
};
