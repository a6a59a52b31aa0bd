/** Why the database refused to store a change: its disk is full, or it is read-only. */
export type StorageFault = 'disk-full' | 'read-only';

/**
 * SQLite extended codes that mean the disk refused a write. The unix VFS reports a full disk as
 * SQLITE_FULL, but a quota (EDQUOT), a file system remounted read-only (EROFS) or a failing disk
 * surface as these I/O errors. Reads, locks and corruption are left out: those are faults of the
 * server or its host, not a shortage that passes.
 */
const SQLITE_WRITE_IOERRS = new Set(['SQLITE_IOERR_WRITE', 'SQLITE_IOERR_FSYNC', 'SQLITE_IOERR_DIR_FSYNC', 'SQLITE_IOERR_TRUNCATE', 'SQLITE_IOERR_SHMSIZE']);

/**
 * PostgreSQL SQLSTATEs. Other class 53 codes (out of memory, too many connections) are left out:
 * the answer tells the user the disk is full or read-only, which they are not.
 */
const PG_DISK_FULL = '53100';
const PG_READ_ONLY_TRANSACTION = '25006';

const faultOfCode = (code: string): StorageFault | null => {
  if (code === 'SQLITE_FULL' || code === PG_DISK_FULL || SQLITE_WRITE_IOERRS.has(code)) return 'disk-full';
  // SQLITE_READONLY and its extended codes (_DBMOVED, _ROLLBACK, _CANTLOCK, ...); 25006 is a hot standby or a read-only default.
  if (code === 'SQLITE_READONLY' || code.startsWith('SQLITE_READONLY_') || code === PG_READ_ONLY_TRANSACTION) return 'read-only';
  return null;
};

/**
 * Whether an error means the database cannot store changes for now (disk full, read-only), and
 * the database's code for it. better-sqlite3 and pg both put the code in `code`; a few `cause`s
 * are followed in case a layer wrapped it.
 */
export const storageFaultOf = (error: unknown): { fault: StorageFault; code: string } | null => {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth += 1) {
    const code: unknown = 'code' in current ? current.code : undefined;
    const fault = typeof code === 'string' ? faultOfCode(code) : null;
    if (fault !== null) return { fault, code: String(code) };
    current = 'cause' in current ? current.cause : undefined;
  }
  return null;
};
