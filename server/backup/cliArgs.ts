import { resolve } from 'node:path';
import type { Result } from '../../shared/result';
import { databaseKindOf } from '../config';

export const BACKUP_USAGE = 'usage: npm run backup -- <file> [--force]   (--force: replace an existing file)';
export const RESTORE_USAGE = 'usage: npm run restore -- <file> [--force]   (--force: replace what the target database holds)';
export const MIGRATE_USAGE = 'usage: npm run migrate-db -- <from-url> <to-url>   (sqlite:<path> or postgres://…)';

export type FileArgs = { file: string; force: boolean };
export type MigrateArgs = { from: string; to: string };

const refuse = (error: string): Result<never, string> => ({ ok: false, error });

/** `<file> [--force]`, in either order; anything else is refused with the reason. */
const fileArgs = (args: readonly string[]): Result<FileArgs, string> => {
  const flags = args.filter((arg) => arg.startsWith('-'));
  const unknown = flags.filter((flag) => flag !== '--force');
  if (unknown.length > 0) return refuse(`Unknown option ${unknown.join(', ')}.`);
  const files = args.filter((arg) => !arg.startsWith('-'));
  if (files.length !== 1) return refuse(files.length === 0 ? 'Give the backup file.' : `Give one backup file, not ${files.length}.`);
  const [file] = files;
  return file === undefined ? refuse('Give the backup file.') : { ok: true, value: { file, force: flags.includes('--force') } };
};

export const parseBackupArgs = fileArgs;
export const parseRestoreArgs = fileArgs;

const urlProblem = (label: string, url: string): string | null => {
  try {
    databaseKindOf(url);
    return null;
  } catch {
    return `The ${label} database must be sqlite:<path> or postgres://…, not ${JSON.stringify(url)}.`;
  }
};

/** Where a URL points, so that `sqlite:a.db` and `sqlite:./a.db` count as one database. */
const sameDatabase = (a: string, b: string): boolean =>
  a.startsWith('sqlite:') && b.startsWith('sqlite:') ? resolve(a.slice('sqlite:'.length)) === resolve(b.slice('sqlite:'.length)) : a === b;

/** `<from-url> <to-url>`: two database URLs naming two different databases. */
export const parseMigrateArgs = (args: readonly string[]): Result<MigrateArgs, string> => {
  if (args.length !== 2) return refuse(`Give the database to copy from and the one to copy to (${args.length} argument${args.length === 1 ? '' : 's'} given).`);
  const [from = '', to = ''] = args;
  const problem = urlProblem('source', from) ?? urlProblem('target', to);
  if (problem !== null) return refuse(problem);
  if (sameDatabase(from, to)) return refuse('The source and the target are the same database.');
  return { ok: true, value: { from, to } };
};
