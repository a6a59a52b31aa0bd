import { copyFile, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { OnProgress } from './progress';

/** Where a backup keeps the attachment files: a folder beside the backup file, named after it. */
export const filesBesideBackup = (backupFile: string): string => `${backupFile}.files`;

export type CopiedFiles = { files: number; bytes: number };

const exists = (path: string): Promise<boolean> =>
  stat(path).then(
    () => true,
    () => false,
  );

/** The stored files of a file store folder: `<two hex>/<sha256>`, without the uploads still arriving in `.incoming`. */
const storedFiles = async (dir: string): Promise<string[]> => {
  if (!(await exists(dir))) return [];
  const names: string[] = [];
  for (const prefix of await readdir(dir)) {
    if (!/^[0-9a-f]{2}$/.test(prefix)) continue;
    for (const name of await readdir(join(dir, prefix))) if (/^[0-9a-f]{64}$/.test(name) && name.startsWith(prefix)) names.push(join(prefix, name));
  }
  return names.sort();
};

/**
 * Copies the attachment files `from` holds and `to` lacks. Files are named by their content and
 * never change, so a file present in `to` is the same file, and copying only what is missing makes
 * a repeated backup or restore cheap. Each copy is written under a temporary name and renamed, so
 * an interrupted copy leaves only whole files. A backup copies after its database snapshot: a file
 * is stored before its row is written, so every file the snapshot names is there by then.
 */
export const copyStoredFiles = async (from: string, to: string, onProgress?: OnProgress, verb = 'copying files'): Promise<CopiedFiles> => {
  const names = await storedFiles(from);
  let files = 0;
  let bytes = 0;
  onProgress?.({ verb, done: 0, total: names.length, unit: 'files' });
  for (const [index, name] of names.entries()) {
    const target = join(to, name);
    if (!(await exists(target))) {
      await mkdir(join(to, name.slice(0, 2)), { recursive: true });
      const partial = `${target}.partial-${process.pid}`;
      try {
        await copyFile(join(from, name), partial);
        await rename(partial, target);
      } finally {
        await rm(partial, { force: true });
      }
      files += 1;
      bytes += (await stat(target)).size;
    }
    onProgress?.({ verb, done: index + 1, total: names.length, unit: 'files' });
  }
  return { files, bytes };
};
