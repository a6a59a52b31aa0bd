import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir, open, rename, rm, utimes } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Attachment files outside the database, named by the SHA-256 of their bytes: the same file
 * attached to a hundred tickets is stored once, and a name can never point at other bytes.
 * Files arrive in `.incoming` (the same file system, so the final rename is atomic) and are
 * flushed to disk before they are renamed, and the rename before anyone is told they are stored.
 */
export type FileStore = {
  dir: string;
  /** A fresh path in `.incoming` for a body being received; remove it with `discard` if it is refused. */
  incomingPath(): Promise<string>;
  /** Moves a received file to its content address (or drops it when those bytes are stored already, touching the stored file). */
  keep(incoming: string, sha256: string): Promise<void>;
  discard(incoming: string): Promise<void>;
  pathOf(sha256: string): string;
};

const isSha256 = (value: string): boolean => /^[0-9a-f]{64}$/.test(value);

const exists = async (path: string): Promise<boolean> =>
  access(path, constants.F_OK).then(
    () => true,
    () => false,
  );

/** fsync a file or a folder (a folder's entry for a renamed file lives in the folder). */
const flush = async (path: string): Promise<void> => {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
};

export const createFileStore = (dir: string): FileStore => {
  const incoming = join(dir, '.incoming');
  const pathOf = (sha256: string): string => {
    if (!isSha256(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return join(dir, sha256.slice(0, 2), sha256);
  };
  return {
    dir,
    pathOf,
    incomingPath: async () => {
      await mkdir(incoming, { recursive: true });
      return join(incoming, randomBytes(12).toString('hex'));
    },
    keep: async (path, sha256) => {
      const target = pathOf(sha256);
      if (await exists(target)) {
        await rm(path, { force: true });
        // Fresh again: the cleanup of unattached uploads leaves a recently touched file alone (uploadCleanup.ts).
        const at = new Date();
        await utimes(target, at, at);
        return;
      }
      const folder = join(dir, sha256.slice(0, 2));
      await mkdir(folder, { recursive: true });
      await flush(path);
      await rename(path, target);
      await flush(folder);
    },
    discard: async (path) => {
      await rm(path, { force: true });
    },
  };
};
