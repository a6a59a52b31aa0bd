import Database from 'better-sqlite3';
import type { OnProgress } from './progress';

/**
 * Copies a SQLite database page by page into a new file with SQLite's online backup API, while
 * other processes (the server) go on writing. The copy is the database as it was when the copy
 * began: this connection holds one read transaction from before the first page to after the last.
 * Without it, SQLite starts a backup over whenever another connection commits between two steps,
 * and one that commits every few milliseconds keeps it from ever finishing. In WAL mode the open
 * read transaction does not hold up writers; the WAL only grows until it ends.
 *
 * The copy is left in rollback-journal mode, one self-contained file; `onProgress` hears pages.
 */
export const copySqliteSnapshot = async (
  sourcePath: string,
  destinationPath: string,
  options: { verb: string; onProgress?: OnProgress; pagesPerStep?: number },
): Promise<{ pages: number }> => {
  const source = new Database(sourcePath, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    source.exec('begin');
    // A deferred transaction takes its snapshot at its first read.
    source.prepare('select count(*) from sqlite_master').get();
    const result = await source.backup(destinationPath, {
      progress: ({ totalPages, remainingPages }) => {
        options.onProgress?.({ verb: options.verb, done: totalPages - remainingPages, total: totalPages, unit: 'pages' });
        return options.pagesPerStep ?? Math.max(256, Math.ceil(totalPages / 100));
      },
    });
    source.exec('commit');
    options.onProgress?.({ verb: options.verb, done: result.totalPages, total: result.totalPages, unit: 'pages' });
    const copy = new Database(destinationPath, { fileMustExist: true });
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    return { pages: result.totalPages };
  } finally {
    source.close();
  }
};
