import { describe, expect, it } from 'vitest';
import { parseBackupArgs, parseMigrateArgs, parseRestoreArgs } from './cliArgs';

describe('backup and restore arguments', () => {
  it('take one file and an optional --force, in any order', () => {
    expect(parseBackupArgs(['meja.sqlite'])).toEqual({ ok: true, value: { file: 'meja.sqlite', force: false } });
    expect(parseRestoreArgs(['--force', 'meja.dump'])).toEqual({ ok: true, value: { file: 'meja.dump', force: true } });
    expect(parseRestoreArgs(['meja.dump', '--force'])).toEqual({ ok: true, value: { file: 'meja.dump', force: true } });
  });

  it('refuse no file, two files and unknown options, saying which', () => {
    expect(parseBackupArgs([])).toEqual({ ok: false, error: 'Give the backup file.' });
    expect(parseRestoreArgs(['a', 'b'])).toEqual({ ok: false, error: 'Give one backup file, not 2.' });
    expect(parseRestoreArgs(['a', '--yes', '-f'])).toEqual({ ok: false, error: 'Unknown option --yes, -f.' });
  });
});

describe('migrate-db arguments', () => {
  it('take a source and a target URL of either kind', () => {
    expect(parseMigrateArgs(['sqlite:./data/meja.sqlite', 'postgres://meja@db/meja'])).toEqual({
      ok: true,
      value: { from: 'sqlite:./data/meja.sqlite', to: 'postgres://meja@db/meja' },
    });
    expect(parseMigrateArgs(['postgresql://meja@db/meja', 'sqlite:/tmp/copy.sqlite']).ok).toBe(true);
  });

  it('refuse a missing or extra URL, an unknown scheme and the same database twice', () => {
    expect(parseMigrateArgs(['sqlite:a.db'])).toEqual({ ok: false, error: 'Give the database to copy from and the one to copy to (1 argument given).' });
    expect(parseMigrateArgs(['sqlite:a.db', 'sqlite:b.db', 'sqlite:c.db']).ok).toBe(false);
    expect(parseMigrateArgs(['mysql://db/meja', 'sqlite:b.db'])).toEqual({
      ok: false,
      error: 'The source database must be sqlite:<path> or postgres://…, not "mysql://db/meja".',
    });
    expect(parseMigrateArgs(['sqlite:a.db', 'data/b.db'])).toEqual({
      ok: false,
      error: 'The target database must be sqlite:<path> or postgres://…, not "data/b.db".',
    });
    expect(parseMigrateArgs(['sqlite:a.db', 'sqlite:./a.db'])).toEqual({ ok: false, error: 'The source and the target are the same database.' });
  });
});
