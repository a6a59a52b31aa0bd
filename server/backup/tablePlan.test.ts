import { describe, expect, it } from 'vitest';
import { COPY_ORDER, newHistoryMeta, readOrderOf, renumberedPosition, ROWS_PER_INSERT, rowsPerInsert } from './tablePlan';

describe('the copy plan', () => {
  it('copies each planned table once, users before the sessions that reference them', () => {
    expect(new Set(COPY_ORDER).size).toBe(COPY_ORDER.length);
    expect(COPY_ORDER.indexOf('users')).toBeLessThan(COPY_ORDER.indexOf('auth_tokens'));
    for (const table of COPY_ORDER) expect(readOrderOf(table).length, table).toBeGreaterThan(0);
    expect(readOrderOf('sync_changes'), 'the feed is read in feed order, to renumber it').toEqual(['tx', 'seq']);
  });

  it('inserts 1,000 rows a statement unless that passes the engine limit of bound parameters', () => {
    expect(rowsPerInsert(9, 'sqlite')).toBe(ROWS_PER_INSERT);
    expect(rowsPerInsert(34, 'postgres')).toBe(ROWS_PER_INSERT);
    expect(rowsPerInsert(34, 'sqlite')).toBe(963);
    expect(rowsPerInsert(34, 'sqlite') * 34).toBeLessThanOrEqual(32_766);
    expect(rowsPerInsert(100_000, 'postgres')).toBe(1);
  });

  it('renumbers the feed from 1 at tx 0 and starts the meta of a new history', () => {
    expect([0, 1, 2].map(renumberedPosition)).toEqual([
      { tx: 0, seq: 1 },
      { tx: 0, seq: 2 },
      { tx: 0, seq: 3 },
    ]);
    expect(newHistoryMeta('0011223344556677')).toEqual([
      { key: 'epoch', value: '0011223344556677' },
      { key: 'horizon', value: '0:0' },
      { key: 'purges', value: '0' },
    ]);
  });
});
