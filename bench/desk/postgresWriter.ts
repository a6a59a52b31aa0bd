import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase } from '../../server/db/connect';
import { migrateToLatest } from '../../server/db/migrations';
import { refreshAllNextContacts } from '../../server/stats/ticketFactsTable';
import { BULK_TABLES, type DeskWriter, type LoadBatch, type PlainRow } from './deskWriter';

/** Rows per statement: one array per column, so the count is limited by memory only. */
const SLICE = 10_000;

type Column = { name: string; type: string };

/**
 * The desk into a new PostgreSQL database: migrated by the server's migrations, then filled with
 * one `insert … select from unnest($1::text[], …)` per table and slice (one parameter per column,
 * any number of rows), a batch per transaction. Feed rows take the transaction's id as `tx`, as
 * the server's writes do, and positions from one counter; the sequence is set past them at the end.
 * Secondary indexes, the trigram index of the search table among them, are built once at the end.
 */
export const openPostgresWriter = async (url: string): Promise<DeskWriter> => {
  const migrated = openDatabase(url);
  await migrateToLatest(migrated.db, migrated.kind);
  await migrated.close();

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('set synchronous_commit = off');
  await client.query("set maintenance_work_mem = '512MB'");
  const indexes = (
    await client.query<{ name: string; definition: string }>(
      `select indexname as name, indexdef as definition from pg_indexes
       where schemaname = current_schema() and indexname not in (select conname from pg_constraint)`,
    )
  ).rows;
  for (const index of indexes) await client.query(`drop index ${index.name}`);
  const columns = new Map<string, Column[]>();
  const described = await client.query<{ table_name: string; column_name: string; data_type: string }>(
    'select table_name, column_name, data_type from information_schema.columns where table_schema = current_schema() order by ordinal_position',
  );
  for (const row of described.rows) columns.set(row.table_name, [...(columns.get(row.table_name) ?? []), { name: row.column_name, type: row.data_type }]);

  const insert = async (table: string, rows: readonly PlainRow[]): Promise<void> => {
    const of = columns.get(table) ?? [];
    const present = of.filter((column) => rows.some((row) => row[column.name] !== undefined));
    for (let from = 0; from < rows.length; from += SLICE) {
      const slice = rows.slice(from, from + SLICE);
      const arrays = present.map((column) => slice.map((row) => row[column.name] ?? null));
      const unnest = present.map((column, k) => `$${k + 1}::${column.type}[]`).join(', ');
      await client.query(`insert into ${table} (${present.map((c) => c.name).join(', ')}) select * from unnest(${unnest})`, arrays);
    }
  };

  let seq = 0;
  const write = async (batch: LoadBatch): Promise<void> => {
    await client.query('begin');
    try {
      const tx = Number((await client.query<{ tx: string }>('select pg_current_xact_id()::text as tx')).rows[0]?.tx);
      for (const table of BULK_TABLES) await insert(table, batch.rows[table] ?? []);
      const feed = batch.feed.map((row) => ({ ...row, ticket_id: row.ticket_id ?? null, tx, seq: (seq += 1) }));
      await insert('sync_changes', feed);
      await client.query('commit');
    } catch (error) {
      await client.query('rollback');
      throw error;
    }
  };

  return {
    write,
    finish: async (tickets) => {
      for (const index of indexes) await client.query(index.definition);
      await client.query("update counters set value = $1 where name = 'ticket_number'", [tickets]);
      if (seq > 0) await client.query("select setval('sync_seq', $1)", [seq]);
      const handle = openDatabase(url);
      try {
        await refreshAllNextContacts(handle.db);
        // As autovacuum would leave it after a bulk load: statistics fresh, visibility map set.
        await sql`vacuum analyze`.execute(handle.db);
      } finally {
        await handle.close();
      }
    },
    close: async () => {
      await client.end().catch(() => undefined);
    },
  };
};
