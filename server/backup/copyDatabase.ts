import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { sql } from 'kysely';
import { databaseKindOf, describeDatabaseUrl, type DatabaseKind } from '../config';
import { openDatabase, type Db, type DbHandle } from '../db/connect';
import { migrateToLatest } from '../db/migrations';
import { startNewHistoryIn, type NewHistory } from './newHistory';
import type { OnProgress } from './progress';
import { Refused } from './refused';
import { checkCopySource } from './schemaState';
import { COPY_ORDER, isEngineIndexTable, isMigratorTable, readOrderOf, renumberedPosition, rowsPerInsert, type TableName } from './tablePlan';
import { tableListText, tablesWithData } from './targetTables';

type Row = Record<string, unknown>;

export type TableCount = { table: TableName; source: number; target: number };
export type CopyResult = { from: DatabaseKind; to: DatabaseKind; tables: TableCount[]; history: NewHistory };

/** The columns of every table but the migrator's, as the database itself describes them. */
const columnsOf = async (db: Db): Promise<Map<string, string[]>> => {
  const tables = await db.introspection.getTables();
  return new Map(
    tables
      .filter((table) => !isMigratorTable(table.name) && !isEngineIndexTable(table.name))
      .map((table) => [table.name, table.columns.map((column) => column.name).sort()]),
  );
};

/** The source's tables must be exactly the ones this version plans to copy, with the target's columns: anything else would be left behind. */
const checkSameShape = (source: Map<string, string[]>, target: Map<string, string[]>): void => {
  const unplanned = [...source.keys()].filter((name) => !COPY_ORDER.some((table) => table === name));
  if (unplanned.length > 0) throw new Refused(`The source has tables this version does not copy: ${unplanned.join(', ')}.`);
  for (const table of COPY_ORDER) {
    const from = source.get(table)?.join(',');
    const to = target.get(table)?.join(',');
    if (from !== to) throw new Refused(`The table ${table} has other columns in the source (${from ?? 'missing'}) than in the target (${to ?? 'missing'}).`);
  }
};

const countRows = async (db: Db, table: TableName): Promise<number> => {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db);
  return Number(rows[0]?.n ?? 0);
};

/** The next page of a table after the last key read, in key order (keyset paging: no offset to walk). */
const readPage = async (db: Db, table: TableName, after: Row | null, limit: number): Promise<Row[]> => {
  const keys = readOrderOf(table);
  const refs = sql.join(keys.map((key) => sql.ref(key)));
  const where = after === null ? sql`` : sql`where (${refs}) > (${sql.join(keys.map((key) => after[key]))})`;
  const { rows } = await sql<Row>`select * from ${sql.table(table)} ${where} order by ${refs} limit ${limit}`.execute(db);
  return rows;
};

const insertRows = async (db: Db, table: TableName, columns: readonly string[], rows: readonly Row[]): Promise<void> => {
  if (rows.length === 0) return;
  const values = sql.join(rows.map((row) => sql`(${sql.join(columns.map((column) => row[column] ?? null))})`));
  await sql`insert into ${sql.table(table)} (${sql.join(columns.map((column) => sql.ref(column)))}) values ${values}`.execute(db);
};

const openSource = (url: string): DbHandle => {
  // Opening a SQLite path that does not exist would create an empty database there.
  if (databaseKindOf(url) === 'sqlite' && !existsSync(resolve(url.slice('sqlite:'.length))))
    throw new Refused(`There is no database at ${resolve(url.slice('sqlite:'.length))}.`);
  return openDatabase(url);
};

const copyTables = async (options: {
  source: Db;
  target: Db;
  kind: DatabaseKind;
  columns: Map<string, string[]>;
  counts: Map<TableName, number>;
  onProgress: OnProgress | undefined;
}): Promise<TableCount[]> => {
  const { source, target, columns, counts, onProgress } = options;
  const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
  let done = 0;
  onProgress?.({ verb: 'copying', done, total, unit: 'rows' });
  // The migrations wrote their own counters and meta (a fresh epoch, an import code key): the source's replace them.
  await target.deleteFrom('counters').execute();
  await target.deleteFrom('meta').execute();
  const result: TableCount[] = [];
  for (const table of COPY_ORDER) {
    const tableColumns = columns.get(table) ?? [];
    const limit = rowsPerInsert(tableColumns.length, options.kind);
    let rank = 0;
    for (let after: Row | null = null; ;) {
      const page = await readPage(source, table, after, limit);
      if (page.length === 0) break;
      after = page.at(-1) ?? null;
      // The feed in its old (tx, seq) order, renumbered 1…n at tx 0 (see tablePlan.ts).
      const rows = table === 'sync_changes' ? page.map((row) => ({ ...row, ...renumberedPosition(rank++) })) : page;
      await insertRows(target, table, tableColumns, rows);
      done += page.length;
      onProgress?.({ verb: 'copying', done, total, unit: 'rows', note: table });
      if (page.length < limit) break;
    }
    result.push({ table, source: counts.get(table) ?? 0, target: await countRows(target, table) });
  }
  return result;
};

/**
 * Copies every record of one Meja database into another, empty one (SQLite to PostgreSQL, or
 * back): users with their password hashes, sessions (their tokens keep working), tickets with
 * their numbers and caller codes, the change feed (renumbered, see tablePlan.ts), the statistics
 * facts, imports, the audit log, the mutation ledger, counters and meta (the import code key
 * kept, a new epoch). The target is migrated to this version's schema first. The source is read
 * in one snapshot; the target is written in one transaction, committed only if every table's
 * count matches, so a failed copy leaves it migrated and empty (and a copy can be run on it again).
 */
export const copyDatabase = async (options: { from: string; to: string; onProgress?: OnProgress }): Promise<CopyResult> => {
  const source = openSource(options.from);
  try {
    await checkCopySource(source.db, source.kind);
    const target = openDatabase(options.to);
    try {
      const holding = await tablesWithData(target.db, target.kind);
      if (holding.length > 0)
        throw new Refused(
          `The target database ${describeDatabaseUrl(options.to)} is not empty (rows in ${tableListText(holding)}); migrate-db copies into an empty database only.`,
        );
      await migrateToLatest(target.db, target.kind);
      const columns = await columnsOf(target.db);
      checkSameShape(await columnsOf(source.db), columns);
      const snapshot =
        source.kind === 'postgres' ? source.db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only') : source.db.transaction();
      return await snapshot.execute(async (from) => {
        const counts = new Map<TableName, number>();
        for (const table of COPY_ORDER) counts.set(table, await countRows(from, table));
        return target.db.transaction().execute(async (to) => {
          const tables = await copyTables({ source: from, target: to, kind: target.kind, columns, counts, onProgress: options.onProgress });
          const wrong = tables.filter((count) => count.source !== count.target);
          if (wrong.length > 0)
            throw new Error(`Row counts differ after the copy, nothing was kept: ${wrong.map((c) => `${c.table} ${c.source} → ${c.target}`).join(', ')}.`);
          const history = await startNewHistoryIn(to, target.kind);
          return { from: source.kind, to: target.kind, tables, history };
        });
      });
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
};
