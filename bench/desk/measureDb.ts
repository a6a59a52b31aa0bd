import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { openDatabase } from '../../server/db/connect';
import { workingSetTicketIds } from '../../server/sync/workingSet';
import type { WorkingSetParams } from '../../shared/sync/workingSet';
import { timing, type Timing } from './measureHttp';

/** The working-set query (server/sync/workingSet.ts) for one user, timed on its own connection; and how many tickets it finds. */
export const measureWorkingSet = async (url: string, userId: string, params: WorkingSetParams, runs: number): Promise<Timing & { tickets: number }> => {
  const handle = openDatabase(url);
  try {
    const times: number[] = [];
    let tickets = 0;
    for (let i = 0; i < runs + 3; i += 1) {
      const started = performance.now();
      const ids = await workingSetTicketIds(handle.db, handle.kind, userId, new Date().toISOString(), params);
      if (i >= 3) times.push(performance.now() - started);
      tickets = ids.size;
    }
    return { ...timing(times), tickets };
  } finally {
    await handle.close();
  }
};

/** Bytes on disk: the whole database, and per table with its indexes (the search table with its full-text index). */
export type DatabaseSize = { total: number; tables: Record<string, number> };

const sqliteSize = (file: string): DatabaseSize => {
  const sqlite = new Database(file, { readonly: true });
  try {
    const owners = new Map(
      sqlite
        .prepare<[], { name: string; table: string }>('select name, tbl_name as "table" from sqlite_master')
        .all()
        .map((row) => [row.name, row.table]),
    );
    const tables: Record<string, number> = {};
    for (const row of sqlite.prepare<[], { name: string; bytes: number }>('select name, sum(pgsize) as bytes from dbstat group by name').all()) {
      // The full-text index's shadow tables (ticket_search_fts_data, …) belong to the search table.
      const owner = row.name.startsWith('ticket_search_fts') ? 'ticket_search' : (owners.get(row.name) ?? row.name);
      tables[owner] = (tables[owner] ?? 0) + row.bytes;
    }
    const wal = (() => {
      try {
        return statSync(`${file}-wal`).size;
      } catch {
        return 0;
      }
    })();
    return { total: statSync(file).size + wal, tables };
  } finally {
    sqlite.close();
  }
};

const postgresSize = async (url: string): Promise<DatabaseSize> => {
  const handle = openDatabase(url);
  try {
    const total = await sql<{ bytes: number }>`select pg_database_size(current_database()) as bytes`.execute(handle.db);
    const rows = await sql<{ name: string; bytes: number }>`select c.relname as name, pg_total_relation_size(c.oid) as bytes
      from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = current_schema() and c.relkind = 'r'`.execute(handle.db);
    return { total: Number(total.rows[0]?.bytes ?? 0), tables: Object.fromEntries(rows.rows.map((row) => [row.name, Number(row.bytes)])) };
  } finally {
    await handle.close();
  }
};

export const databaseSize = (url: string): Promise<DatabaseSize> =>
  url.startsWith('sqlite:') ? Promise.resolve(sqliteSize(url.slice('sqlite:'.length))) : postgresSize(url);

/** Tickets whose haystack holds every word, by a plain scan of the search table (what a search's answer holds in all). */
export const countMatches = async (url: string, words: readonly string[]): Promise<number> => {
  const handle = openDatabase(url);
  try {
    const contains = (word: string) => (handle.kind === 'postgres' ? sql`strpos(haystack, ${word}) > 0` : sql`instr(haystack, ${word}) > 0`);
    const { rows } = await sql<{ n: number }>`select count(*) as n from ticket_search where ${sql.join(words.map(contains), sql` and `)}`.execute(handle.db);
    return Number(rows[0]?.n ?? 0);
  } finally {
    await handle.close();
  }
};
