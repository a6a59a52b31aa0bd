import { describe, expect, it } from 'vitest';
import { archiveContents, copiedFirstColumn, isErrorLine, isTableDataLine, libpqConnection, versionHint } from './libpq';

describe('libpq connection', () => {
  it('keeps the password out of the arguments', () => {
    expect(libpqConnection('postgres://meja:s%40cret@db.example:5433/meja?sslmode=require')).toEqual({
      dbname: 'postgres://meja@db.example:5433/meja?sslmode=require',
      env: { PGPASSWORD: 's@cret' },
    });
    expect(libpqConnection('postgres://root@localhost/meja?host=/var/run/postgresql')).toEqual({
      dbname: 'postgres://root@localhost/meja?host=/var/run/postgresql',
      env: {},
    });
  });
});

describe('pg_dump and pg_restore output', () => {
  it('counts a table when its data starts and keeps the lines that say what failed', () => {
    expect(isTableDataLine('pg_dump: dumping contents of table "public.tickets"')).toBe(true);
    expect(isTableDataLine('pg_restore: processing data for table "public.tickets"')).toBe(true);
    expect(isTableDataLine('pg_dump: reading indexes')).toBe(false);
    expect(isErrorLine('pg_dump: error: aborting because of server version mismatch')).toBe(true);
    expect(isErrorLine('pg_dump: detail: server version: 16.2; pg_dump version: 15.18')).toBe(true);
    expect(isErrorLine('pg_restore: creating TABLE "public.meta"')).toBe(false);
  });

  it('reads the tables of an archive from its table of contents', () => {
    const toc = [
      ';',
      '; Archive created at 2026-12-07 08:58:00 UTC',
      ';     Format: CUSTOM',
      '216; 1259 22666 SEQUENCE public sync_seq root',
      '215; 1259 22658 TABLE public meta root',
      '214; 1259 22657 TABLE public sync_changes root',
      '3344; 0 22658 TABLE DATA public meta root',
      '3345; 0 22657 TABLE DATA public sync_changes root',
      '3353; 0 0 SEQUENCE SET public sync_seq root',
    ].join('\n');
    expect(archiveContents(toc)).toEqual({ tables: ['public.meta', 'public.sync_changes'], tablesWithData: 2 });
  });

  it('explains a version mismatch and nothing else', () => {
    expect(versionHint('pg_dump', 'pg_dump: error: aborting because of server version mismatch')).toContain('postgresql-client-<major>');
    expect(versionHint('pg_restore', 'pg_restore: error: unsupported version (1.16) in file header')).toContain('pg_restore must be');
    expect(versionHint('pg_dump', 'pg_dump: error: connection to server failed')).toBeNull();
  });
});

describe('rows of an archive', () => {
  it("reads the first column of one table's COPY block and nothing else", () => {
    const script = [
      "SET client_encoding = 'UTF8';",
      'COPY public.kysely_migration_lock (id, is_locked) FROM stdin;',
      'migration_lock\t0',
      '\\.',
      'COPY public.kysely_migration (name, "timestamp") FROM stdin;',
      '0001_initial\t2026-12-07T09:48:09.118Z',
      '0002_statistics\t2026-12-07T09:48:09.235Z',
      '\\.',
      '',
    ].join('\n');
    expect(copiedFirstColumn(script, 'kysely_migration')).toEqual(['0001_initial', '0002_statistics']);
    expect(copiedFirstColumn(script, 'meta')).toEqual([]);
  });
});
