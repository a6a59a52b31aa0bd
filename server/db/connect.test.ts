import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './connect';

describe('the SQLite database', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('syncs every commit to disk before it returns, so an acknowledged push outlives a power loss', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meja-connect-'));
    dirs.push(dir);
    const handle = openDatabase(`sqlite:${join(dir, 'meja.sqlite')}`);
    try {
      const journal = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(handle.db);
      const synchronous = await sql<{ synchronous: number }>`pragma synchronous`.execute(handle.db);
      expect(journal.rows[0]?.journal_mode).toBe('wal');
      // 2 is FULL; NORMAL (1) keeps commits through a process crash only.
      expect(synchronous.rows[0]?.synchronous).toBe(2);
    } finally {
      await handle.close();
    }
  });
});
