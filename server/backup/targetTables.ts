import { sql } from 'kysely';
import type { DatabaseKind } from '../config';
import type { Db } from '../db/connect';
import { COPY_ORDER, isEngineIndexTable, isMigratorTable } from './tablePlan';

type Relation = { schema: string; name: string; kind: string };

/** PostgreSQL relation kinds an application creates, and how each is dropped. */
const DROP_AS: Readonly<Record<string, string>> = { r: 'table', p: 'table', f: 'foreign table', v: 'view', m: 'materialized view', S: 'sequence' };

const postgresRelations = async (db: Db): Promise<Relation[]> => {
  const { rows } = await sql<Relation>`
    select n.nspname as schema, c.relname as name, c.relkind as kind
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p', 'f', 'v', 'm', 'S')
      and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp%'
    order by 1, 2`.execute(db);
  return rows;
};

/**
 * What a database already holds: its tables, views and sequences (PostgreSQL, as schema.name),
 * or its tables and views (SQLite), outside the engine's own catalogue. Empty means a restore or a
 * copy may write into it.
 */
export const existingTables = async (db: Db, kind: DatabaseKind): Promise<string[]> => {
  if (kind === 'postgres') return (await postgresRelations(db)).map((r) => `${r.schema}.${r.name}`);
  const { rows } = await sql<{
    name: string;
  }>`select name from sqlite_master where type in ('table', 'view') and name not like 'sqlite\\_%' escape '\\' order by name`.execute(db);
  return rows.map((row) => row.name).filter((name) => !isEngineIndexTable(name));
};

/** Rows the migrations write themselves: a database with only these holds nothing of a desk's. */
const MIGRATION_ROWS = new Set(['counters', 'meta']);

/**
 * Why a database cannot take a restore or a copy without --force: the tables that hold a desk's
 * rows, and any table Meja does not know. Empty (nothing to lose) is no tables at all, or only
 * Meja's tables as the migrations leave them (a database a copy or restore was already started
 * on); a server that has started on it has created its admin, so it is not empty.
 */
export const tablesWithData = async (db: Db, kind: DatabaseKind): Promise<string[]> => {
  const found: string[] = [];
  const tables =
    kind === 'postgres'
      ? (await postgresRelations(db)).filter((r) => r.kind === 'r' || r.kind === 'p').map((r) => `${r.schema}.${r.name}`)
      : await existingTables(db, kind);
  for (const qualified of tables) {
    const name = kind === 'postgres' ? qualified.replace(/^public\./, '') : qualified;
    if (isMigratorTable(name) || MIGRATION_ROWS.has(name)) continue;
    const known = COPY_ORDER.some((table) => table === name);
    if (!known) {
      found.push(qualified);
      continue;
    }
    const { rows } = await sql<{ one: number }>`select 1 as one from ${sql.table(name)} limit 1`.execute(db);
    if (rows.length > 0) found.push(qualified);
  }
  // The desk's own tables first, in copy order (users, tickets, …), then the unknown ones.
  const rank = (qualified: string) => {
    const at = COPY_ORDER.findIndex((table) => table === qualified.replace(/^public\./, ''));
    return at < 0 ? COPY_ORDER.length : at;
  };
  return found.sort((a, b) => rank(a) - rank(b));
};

/** PostgreSQL: the tables (not views or sequences), whose rows pg_dump writes one after another. */
export const postgresTableCount = async (db: Db): Promise<number> => (await postgresRelations(db)).filter((r) => r.kind === 'r' || r.kind === 'p').length;

/** Drops everything `existingTables` lists on PostgreSQL, in one transaction (`--force`). */
export const dropPostgresRelations = async (db: Db): Promise<void> => {
  await db.transaction().execute(async (trx) => {
    for (const relation of await postgresRelations(trx)) {
      const dropAs = DROP_AS[relation.kind] ?? 'table';
      // A sequence owned by a table already went with it: "if exists".
      await sql`drop ${sql.raw(dropAs)} if exists ${sql.id(relation.schema, relation.name)} cascade`.execute(trx);
    }
  });
};

/** A short list for a message: the first few names and how many more. */
export const tableListText = (names: readonly string[]): string =>
  names.length <= 5 ? names.join(', ') : `${names.slice(0, 5).join(', ')} and ${names.length - 5} more`;
