import Database from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { DatabaseKind } from '../../server/config';
import type { Db } from '../../server/db/connect';
import type { Schema } from '../../server/db/schema';

/**
 * The query plans of everything `read` asks the database: it runs on a connection of its own that
 * records each query, then each one is explained on that connection (SQLite: EXPLAIN QUERY PLAN,
 * one line per step; PostgreSQL: EXPLAIN with sequential scans priced out, since a test's tables
 * are small enough that reading them whole would be cheaper, and only a missing or unusable index
 * should leave one). Plans are returned in the order the queries ran.
 */
/**
 * A pool of one connection that ignores the server ending it: a connection still closing when the
 * test's database is dropped (with force) hears FATAL 57P01, which would otherwise be an uncaught error.
 */
const quietPool = (url: string): pg.Pool => {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
};

export const plansOf = async (url: string, kind: DatabaseKind, read: (db: Db) => Promise<unknown>): Promise<string[]> => {
  const queries: CompiledQuery[] = [];
  // Statements only: transactions' begin and commit and session settings have no plan.
  const log = (event: { level: string; query: CompiledQuery }) => {
    if (event.level === 'query' && /^\s*(select|with|insert|update|delete)\b/i.test(event.query.sql)) queries.push(event.query);
  };
  const db =
    kind === 'sqlite'
      ? new Kysely<Schema>({ dialect: new SqliteDialect({ database: new Database(url.slice('sqlite:'.length), { readonly: true }) }), log })
      : new Kysely<Schema>({
          dialect: new PostgresDialect({
            pool: quietPool(url),
            onCreateConnection: async (connection) => {
              await connection.executeQuery(CompiledQuery.raw('set enable_seqscan = off'));
            },
          }),
          log,
        });
  try {
    await read(db);
    const plans: string[] = [];
    for (const query of queries) {
      const explain = CompiledQuery.raw(`${kind === 'sqlite' ? 'explain query plan' : 'explain'} ${query.sql}`, [...query.parameters]);
      const rows = (await db.executeQuery<Record<string, unknown>>(explain)).rows;
      plans.push(rows.map((row) => String(row.detail ?? row['QUERY PLAN'])).join('\n'));
    }
    return plans;
  } finally {
    await db.destroy();
  }
};
