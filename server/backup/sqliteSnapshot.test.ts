import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { copySqliteSnapshot } from './sqliteSnapshot';

const dir = mkdtempSync(join(tmpdir(), 'meja-snapshot-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rowsIn = (path: string): number => {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare('select count(*) as n from calls').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('copySqliteSnapshot', () => {
  it('copies the database as it was when it began while another connection commits between every step, and finishes', async () => {
    const source = join(dir, 'live.sqlite');
    const writer = new Database(source);
    writer.pragma('journal_mode = WAL');
    writer.exec('create table calls (id integer primary key, body text not null)');
    const insert = writer.prepare('insert into calls (body) values (?)');
    writer.transaction(() => {
      for (let i = 0; i < 2_000; i += 1) insert.run('x'.repeat(1_000));
    })();

    let steps = 0;
    const copy = join(dir, 'copy.sqlite');
    const result = await copySqliteSnapshot(source, copy, {
      verb: 'backing up',
      pagesPerStep: 20,
      onProgress: () => {
        steps += 1;
        // A backup that restarts after each of these commits would never end: fail instead of hanging.
        if (steps > 1_000) throw new Error('the backup keeps starting over');
        insert.run('written during the backup');
      },
    });
    writer.close();

    expect(result.pages).toBeGreaterThan(200);
    expect(steps, 'about one step per 20 pages, not a restart per commit').toBeLessThan(result.pages / 20 + 5);
    expect(rowsIn(copy), 'the rows of the moment the copy began').toBe(2_000);
    expect(rowsIn(source), 'the writes went on meanwhile').toBe(2_000 + steps);
    const check = new Database(copy, { readonly: true });
    expect(check.pragma('journal_mode', { simple: true }), 'one self-contained file').toBe('delete');
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();
  });
});
