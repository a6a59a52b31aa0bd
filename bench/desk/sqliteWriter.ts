import Database from 'better-sqlite3';
import { openDatabase } from '../../server/db/connect';
import { migrateToLatest } from '../../server/db/migrations';
import { refreshAllNextContacts } from '../../server/stats/ticketFactsTable';
import { BULK_TABLES, type BulkTable, type DeskWriter, type LoadBatch, type PlainRow } from './deskWriter';

type Value = string | number | null;

const FEED_COLUMNS = ['entity', 'entity_id', 'op', 'data', 'ticket_id', 'tx', 'seq'] as const;

/**
 * The desk into a new SQLite file: migrated by the server's migrations, then filled with prepared
 * statements, a batch per transaction, without a journal (a half-written bench database is thrown
 * away, never repaired). The full-text index over ticket_search is kept by its triggers as the rows
 * go in; the other indexes are built once at the end.
 */
export const openSqliteWriter = async (file: string): Promise<DeskWriter> => {
  const migrated = openDatabase(`sqlite:${file}`);
  await migrateToLatest(migrated.db, migrated.kind);
  await migrated.close();

  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = OFF');
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -1048576');
  const indexes = sqlite.prepare<[], { name: string; sql: string }>("select name, sql from sqlite_master where type = 'index' and sql is not null").all();
  for (const index of indexes) sqlite.exec(`drop index ${index.name}`);

  const insertInto = (table: string, columns: readonly string[]) =>
    sqlite.prepare<Value[]>(`insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`);
  const columnsOf = (table: BulkTable): string[] =>
    sqlite
      .prepare<[], { name: string }>(`select name from pragma_table_info('${table}')`)
      .all()
      .map((c) => c.name);
  const statements = new Map(
    BULK_TABLES.map((table) => {
      const columns = columnsOf(table);
      return [table, { columns, insert: insertInto(table, columns) }] as const;
    }),
  );
  const insertFeed = insertInto('sync_changes', FEED_COLUMNS);
  let seq = sqlite.prepare<[], { value: number }>("select value from counters where name = 'sync_seq'").get()?.value ?? 0;

  const writeBatch = sqlite.transaction((batch: LoadBatch) => {
    for (const table of BULK_TABLES) {
      const rows: readonly PlainRow[] = batch.rows[table] ?? [];
      const statement = statements.get(table);
      if (statement === undefined) throw new Error(`no statement for ${table}`);
      for (const row of rows) statement.insert.run(...statement.columns.map((column) => row[column] ?? null));
    }
    for (const row of batch.feed) {
      seq += 1;
      // SQLite's writers are serialized: tx is 0 and the position is the counter (server/db/changeFeed.ts).
      insertFeed.run(row.entity, row.entity_id, row.op, row.data, row.ticket_id ?? null, 0, seq);
    }
  });

  return {
    write: async (batch) => {
      writeBatch(batch);
    },
    finish: async (tickets) => {
      for (const index of indexes) sqlite.exec(index.sql);
      const setCounter = sqlite.prepare<[number, string]>('update counters set value = ? where name = ?');
      setCounter.run(tickets, 'ticket_number');
      setCounter.run(seq, 'sync_seq');
      sqlite.pragma('journal_mode = WAL');
      sqlite.close();
      const handle = openDatabase(`sqlite:${file}`);
      try {
        await refreshAllNextContacts(handle.db);
      } finally {
        await handle.close();
      }
    },
    close: async () => {
      if (sqlite.open) sqlite.close();
    },
  };
};
