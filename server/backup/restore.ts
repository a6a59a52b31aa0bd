import { closeSync, existsSync, mkdirSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { databaseKindOf, type DatabaseKind } from '../config';
import { openDatabase, type DbHandle } from '../db/connect';
import type { Schema } from '../db/schema';
import { backupFileKind, HEADER_BYTES } from './fileKind';
import { archiveContents, copiedFirstColumn, isTableDataLine } from './libpq';
import { startNewHistory, type NewHistory } from './newHistory';
import { runPgTool } from './pgTools';
import type { OnProgress } from './progress';
import { Refused } from './refused';
import { newerBackup, newerThanThis, upgradeRestored } from './schemaState';
import { copySqliteSnapshot } from './sqliteSnapshot';
import { copyStoredFiles, filesBesideBackup, type CopiedFiles } from './storedFiles';
import { dropPostgresRelations, existingTables, tableListText, tablesWithData } from './targetTables';

export type RestoreResult = { kind: DatabaseKind; tickets: number; history: NewHistory; files: CopiedFiles | null };

const KIND_NAME: Readonly<Record<DatabaseKind, string>> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

const readHead = (file: string): Uint8Array => {
  if (!existsSync(file) || !statSync(file).isFile()) throw new Refused(`Cannot read ${file}: no such file.`);
  const head = new Uint8Array(HEADER_BYTES);
  const fd = openSync(file, 'r');
  try {
    return head.subarray(0, readSync(fd, head, 0, HEADER_BYTES, 0));
  } finally {
    closeSync(fd);
  }
};

const notEmpty = (names: readonly string[]): Refused =>
  new Refused(
    `The target database is not empty (rows in ${tableListText(names)}). Restore into an empty database, or add --force to replace what it holds (stop the server on it first).`,
  );

/** What an existing SQLite target holds, read without changing it; 'unreadable' when it is not a SQLite database. */
const sqliteTargetData = async (path: string): Promise<string[] | 'unreadable'> => {
  if (!existsSync(path) || statSync(path).size === 0) return [];
  let sqlite: Database.Database;
  try {
    sqlite = new Database(path, { fileMustExist: true });
  } catch {
    return 'unreadable';
  }
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    return await tablesWithData(db, 'sqlite');
  } catch {
    return 'unreadable';
  } finally {
    await db.destroy();
  }
};

const SIDE_FILES = ['-wal', '-shm', '-journal'];

/**
 * SQLite: the backup is copied page by page (the same online backup API, which also proves it a
 * readable database) into a new file beside the target, brought to this version's schema and
 * given its new history there, and only then renamed over the target.
 */
const restoreSqlite = async (file: string, url: string, force: boolean, onProgress: OnProgress | undefined): Promise<NewHistory> => {
  const target = resolve(url.slice('sqlite:'.length));
  const tables = await sqliteTargetData(target);
  if (tables === 'unreadable' && !force) throw new Refused(`The target ${target} exists and is not a SQLite database. Add --force to replace it.`);
  if (tables !== 'unreadable' && tables.length > 0 && !force) throw notEmpty(tables);
  // As the server does for a new database.
  mkdirSync(dirname(target), { recursive: true });
  const partial = join(dirname(target), `.${basename(target)}.restoring-${process.pid}`);
  try {
    await copySqliteSnapshot(file, partial, { verb: 'restoring', ...(onProgress ? { onProgress } : {}) });
    const handle = openDatabase(`sqlite:${partial}`);
    let history: NewHistory;
    try {
      await upgradeRestored(handle.db, 'sqlite', file);
      history = await startNewHistory(handle.db, 'sqlite');
    } finally {
      await handle.close();
    }
    // The old database's journal files must not be taken for the new one's.
    for (const side of SIDE_FILES) rmSync(`${target}${side}`, { force: true });
    renameSync(partial, target);
    return history;
  } finally {
    for (const side of ['', ...SIDE_FILES]) rmSync(`${partial}${side}`, { force: true });
  }
};

/**
 * PostgreSQL: pg_restore in one transaction (all or nothing), without the dump's owners and
 * grants (the target's role owns what it restores), then this version's schema and the new history.
 */
const restorePostgres = async (file: string, url: string, force: boolean, onProgress: OnProgress | undefined): Promise<NewHistory> => {
  const contents = archiveContents(await runPgTool('pg_restore', ['--list', file], null));
  if (!contents.tables.includes('public.meta') || !contents.tables.includes('public.sync_changes')) {
    throw new Refused(`${file} is a pg_dump archive, but not of a Meja database (it has no meta or sync_changes table).`);
  }
  // Read from the archive, so a backup this version cannot take is refused before the target is touched.
  const migrations = copiedFirstColumn(await runPgTool('pg_restore', ['--data-only', '--table=kysely_migration', '--file=-', file], null), 'kysely_migration');
  const newer = newerThanThis(migrations);
  if (newer.length > 0) throw newerBackup(file, newer);
  const before = openDatabase(url);
  try {
    let holding: string[];
    try {
      holding = await tablesWithData(before.db, 'postgres');
    } catch (error) {
      throw new Refused(
        `Cannot reach the target database: ${error instanceof Error ? error.message : String(error)}. Create it first (createdb, or CREATE DATABASE).`,
      );
    }
    if (holding.length > 0 && !force) throw notEmpty(holding);
    // Empty but migrated (a server or a copy got as far as the schema): its tables would collide with the archive's.
    if ((await existingTables(before.db, 'postgres')).length > 0) await dropPostgresRelations(before.db);
  } finally {
    await before.close();
  }
  let done = 0;
  const total = contents.tablesWithData;
  onProgress?.({ verb: 'restoring', done, total, unit: 'tables' });
  await runPgTool('pg_restore', ['--verbose', '--single-transaction', '--exit-on-error', '--no-owner', '--no-privileges', file], url, (line) => {
    if (!isTableDataLine(line)) return;
    done += 1;
    onProgress?.({ verb: 'restoring', done: Math.min(done, total), total, unit: 'tables', note: line.replace(/^.*table /, '').replaceAll('"', '') });
  });
  onProgress?.({ verb: 'restoring', done: total, total, unit: 'tables' });
  const after = openDatabase(url);
  try {
    await upgradeRestored(after.db, 'postgres', file);
    return await startNewHistory(after.db, 'postgres');
  } finally {
    await after.close();
  }
};

const countTickets = async (handle: DbHandle): Promise<number> => {
  const row = await handle.db
    .selectFrom('tickets')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
};

/**
 * Restores a backup written by `npm run backup` into the database a URL names, which must be
 * empty unless `force` is given. The kind of backup is read from the file itself and must be
 * the target's kind. The restored database starts a new history (see startNewHistory): every
 * console's cursor then gets 410 and the console pulls from scratch, keeping its unsent changes.
 * The attachment files the backup kept beside it (`<file>.files`) are copied into `filesDir`, when given.
 */
export const restoreBackup = async (options: {
  databaseUrl: string;
  file: string;
  force: boolean;
  filesDir?: string;
  onProgress?: OnProgress;
}): Promise<RestoreResult> => {
  const target = databaseKindOf(options.databaseUrl);
  const found = backupFileKind(readHead(options.file));
  if (found.kind === 'other') throw new Refused(`${options.file} is ${found.what}: not a backup npm run backup wrote.`);
  if (found.kind !== target) {
    throw new Refused(
      `${options.file} is a ${KIND_NAME[found.kind]} backup, and MEJA_DATABASE_URL names a ${KIND_NAME[target]} database. Restore it into a ${KIND_NAME[found.kind]} database, then move that with npm run migrate-db.`,
    );
  }
  const history =
    target === 'sqlite'
      ? await restoreSqlite(options.file, options.databaseUrl, options.force, options.onProgress)
      : await restorePostgres(options.file, options.databaseUrl, options.force, options.onProgress);
  const files =
    options.filesDir === undefined ? null : await copyStoredFiles(filesBesideBackup(options.file), options.filesDir, options.onProgress, 'restoring files');
  const handle = openDatabase(options.databaseUrl);
  try {
    return { kind: target, tickets: await countTickets(handle), history, files };
  } finally {
    await handle.close();
  }
};
