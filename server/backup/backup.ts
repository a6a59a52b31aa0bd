import { chmodSync, existsSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { databaseKindOf, type DatabaseKind } from '../config';
import { openDatabase } from '../db/connect';
import { isTableDataLine } from './libpq';
import { runPgTool } from './pgTools';
import type { OnProgress } from './progress';
import { Refused } from './refused';
import { copySqliteSnapshot } from './sqliteSnapshot';
import { copyStoredFiles, filesBesideBackup, type CopiedFiles } from './storedFiles';
import { postgresTableCount } from './targetTables';

/** `files`: the attachment files copied beside the backup; null when no files folder was given. */
export type BackupResult = { kind: DatabaseKind; file: string; bytes: number; files: (CopiedFiles & { dir: string }) | null };

const sqlitePath = (url: string): string => resolve(url.slice('sqlite:'.length));

/** PostgreSQL: pg_dump in custom format, a consistent snapshot (one repeatable-read transaction) taken while the server keeps writing. */
const dumpPostgres = async (url: string, into: string, onProgress: OnProgress | undefined): Promise<void> => {
  // A missing pg_dump is refused before anything else happens.
  await runPgTool('pg_dump', ['--version'], null);
  const handle = openDatabase(url);
  let total: number;
  try {
    total = await postgresTableCount(handle.db);
  } finally {
    await handle.close();
  }
  let done = 0;
  onProgress?.({ verb: 'backing up', done, total, unit: 'tables' });
  await runPgTool('pg_dump', ['--format=custom', '--verbose', `--file=${into}`], url, (line) => {
    if (!isTableDataLine(line)) return;
    done += 1;
    onProgress?.({ verb: 'backing up', done: Math.min(done, total), total, unit: 'tables', note: line.replace(/^.*table /, '').replaceAll('"', '') });
  });
  onProgress?.({ verb: 'backing up', done: total, total, unit: 'tables' });
};

/**
 * Writes a consistent backup of the database a URL names into `file`, while the server keeps
 * running: SQLite through its online backup API, PostgreSQL with pg_dump -Fc. It is written
 * beside `file` under a temporary name and renamed at the end, so a failed backup never leaves
 * a file that looks whole; it is readable by its owner only (mode 0600). An existing file is
 * replaced only when `force` is given. The attachment files of `filesDir`, when given, are then copied into a
 * folder beside it (`<file>.files`), only those it lacks.
 */
export const writeBackup = async (options: {
  databaseUrl: string;
  file: string;
  force: boolean;
  filesDir?: string;
  onProgress?: OnProgress;
}): Promise<BackupResult> => {
  const kind = databaseKindOf(options.databaseUrl);
  const file = resolve(options.file);
  if (existsSync(file) && !options.force) throw new Refused(`${options.file} already exists: choose a new name, or add --force to replace it.`);
  if (existsSync(file) && !statSync(file).isFile()) throw new Refused(`${options.file} is not a file.`);
  if (!existsSync(dirname(file))) throw new Refused(`The folder ${dirname(options.file)} does not exist.`);
  if (kind === 'sqlite' && !existsSync(sqlitePath(options.databaseUrl))) throw new Refused(`There is no database at ${sqlitePath(options.databaseUrl)}.`);
  const partial = join(dirname(file), `.${basename(file)}.partial-${process.pid}`);
  try {
    // Password and session token hashes are in it: readable by its owner only, from the first byte.
    writeFileSync(partial, '', { mode: 0o600 });
    chmodSync(partial, 0o600);
    if (kind === 'sqlite')
      await copySqliteSnapshot(sqlitePath(options.databaseUrl), partial, {
        verb: 'backing up',
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      });
    else await dumpPostgres(options.databaseUrl, partial, options.onProgress);
    renameSync(partial, file);
  } finally {
    rmSync(partial, { force: true });
    rmSync(`${partial}-journal`, { force: true });
  }
  const bytes = statSync(file).size;
  if (options.filesDir === undefined) return { kind, file, bytes, files: null };
  const filesDir = filesBesideBackup(file);
  const copied = await copyStoredFiles(options.filesDir, filesDir, options.onProgress, 'backing up files');
  return { kind, file, bytes, files: { dir: filesDir, ...copied } };
};
