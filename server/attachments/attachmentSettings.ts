import { dirname, join, resolve } from 'node:path';
import type { ClamdAddress } from './clamdScanner';

/** Where attachment files live, how large one may be, and the scanner every upload passes (none: not scanned). */
export type AttachmentSettings = { filesDir: string; maxBytes: number; clamd: ClamdAddress | null };

export const DEFAULT_ATTACHMENT_MAX_MB = 25;
/** A gigabyte: a larger limit is a mistyped number, and clamd's own stream limit would refuse it anyway. */
const MAX_ATTACHMENT_MB = 1024;
const CLAMD_PORT = 3310;

/**
 * The default folder: beside the SQLite file, so a copy of the data folder is a copy of everything;
 * with PostgreSQL, `data/files` under the working directory, which several instances only share
 * if they run from one directory (docs/OPERATIONS.md, "Attachments").
 */
export const defaultFilesDir = (databaseUrl: string): string =>
  databaseUrl.startsWith('sqlite:') ? join(dirname(resolve(databaseUrl.slice('sqlite:'.length))), 'files') : resolve('data', 'files');

const wholeNumber = (name: string, value: string, min: number, max: number): number => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min || parsed > max)
    throw new Error(`${name} must be a whole number from ${min} to ${max}, not ${JSON.stringify(value)}.`);
  return parsed;
};

const set = (value: string | undefined): value is string => value !== undefined && value !== '';

/** MEJA_CLAMD_SOCKET, or MEJA_CLAMD_HOST with MEJA_CLAMD_PORT (default 3310); null when neither is set. */
const clamdOf = (env: NodeJS.ProcessEnv): ClamdAddress | null => {
  if (set(env.MEJA_CLAMD_SOCKET)) {
    if (set(env.MEJA_CLAMD_HOST)) throw new Error('Set MEJA_CLAMD_SOCKET or MEJA_CLAMD_HOST, not both.');
    return { socket: env.MEJA_CLAMD_SOCKET };
  }
  if (set(env.MEJA_CLAMD_HOST))
    return { host: env.MEJA_CLAMD_HOST, port: set(env.MEJA_CLAMD_PORT) ? wholeNumber('MEJA_CLAMD_PORT', env.MEJA_CLAMD_PORT, 1, 65_535) : CLAMD_PORT };
  if (set(env.MEJA_CLAMD_PORT)) throw new Error('MEJA_CLAMD_PORT needs MEJA_CLAMD_HOST.');
  return null;
};

/** The attachment settings from the environment (MEJA_FILES_DIR, MEJA_ATTACHMENT_MAX_MB, MEJA_CLAMD_*); a bad value stops start-up with its reason. */
export const attachmentSettingsOf = (env: NodeJS.ProcessEnv, databaseUrl: string): AttachmentSettings => ({
  filesDir: set(env.MEJA_FILES_DIR) ? resolve(env.MEJA_FILES_DIR) : defaultFilesDir(databaseUrl),
  maxBytes:
    (set(env.MEJA_ATTACHMENT_MAX_MB) ? wholeNumber('MEJA_ATTACHMENT_MAX_MB', env.MEJA_ATTACHMENT_MAX_MB, 1, MAX_ATTACHMENT_MB) : DEFAULT_ATTACHMENT_MAX_MB) *
    1024 *
    1024,
  clamd: clamdOf(env),
});
