/** Bytes of a file's start that decide its kind (a tar header's magic sits at 257). */
export const HEADER_BYTES = 512;

/** What a backup file holds, told by its first bytes; `other` says what it is instead, for the message. */
export type BackupFileKind = { kind: 'sqlite' } | { kind: 'postgres' } | { kind: 'other'; what: string };

const ascii = (bytes: Uint8Array, from: number, length: number): string => String.fromCharCode(...bytes.subarray(from, from + length));

/**
 * The kind of a backup by its first bytes: a SQLite database file ("SQLite format 3" and a NUL,
 * what `npm run backup` writes for SQLite) or a pg_dump archive in custom format ("PGDMP", what it
 * writes for PostgreSQL). Other things an administrator may hand over by mistake are named, so
 * the message can say what to do instead.
 */
export const backupFileKind = (head: Uint8Array): BackupFileKind => {
  if (ascii(head, 0, 16) === 'SQLite format 3\u0000') return { kind: 'sqlite' };
  if (ascii(head, 0, 5) === 'PGDMP') return { kind: 'postgres' };
  if (head.length === 0) return { kind: 'other', what: 'an empty file' };
  if (head[0] === 0x1f && head[1] === 0x8b) return { kind: 'other', what: 'a gzip-compressed file (decompress it first)' };
  if (ascii(head, 257, 5) === 'ustar')
    return { kind: 'other', what: 'a tar archive (pg_dump -Ft); make the backup with npm run backup, which writes pg_dump -Fc' };
  const text = ascii(head, 0, Math.min(head.length, 200));
  if (/PostgreSQL database dump/.test(text))
    return { kind: 'other', what: 'a plain SQL dump (pg_dump without -Fc); load it with psql, or make the backup with npm run backup' };
  return { kind: 'other', what: 'neither a SQLite database nor a pg_dump custom-format archive' };
};
