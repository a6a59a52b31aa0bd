import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import {
  Kysely,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Dialect,
  type KyselyConfig,
  type SqliteDatabase,
  type SqliteDialectConfig,
} from 'kysely';
import pg from 'pg';
import { databaseKindOf, type DatabaseKind } from '../config';
import type { Schema } from './schema';

export type Db = Kysely<Schema>;
export type DbHandle = { kind: DatabaseKind; db: Db; close(): Promise<void> };

export type OpenOptions = {
  /**
   * Called with the SQL of every statement run through Kysely, after it ran or failed, a
   * transaction's `begin` and `commit` included. A test counts what a push costs with it; absent,
   * nothing is measured.
   */
  onQuery?: (sql: string) => void;
};

const queryLog = (options: OpenOptions): KyselyConfig['log'] => {
  const { onQuery } = options;
  if (onQuery === undefined) return undefined;
  // A statement that failed ran all the same: it counts too.
  return (event) => onQuery(event.query.sql);
};

/**
 * int8 (bigint) columns hold epoch milliseconds, sequence numbers and transaction ids, all far
 * below 2^53, so they come back as numbers. Set per pool, not globally, so other pg users in the
 * same process keep pg's defaults; a value past 2^53 fails loudly instead of losing precision.
 */
const int8AsNumber = (value: string): number => {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed)) throw new Error(`int8 value ${value} does not fit a JavaScript number.`);
  return parsed;
};

const pgTypes = (): pg.CustomTypesConfig => {
  const types = new pg.TypeOverrides();
  types.setTypeParser(pg.types.builtins.INT8, int8AsNumber);
  return types;
};

/**
 * Kysely prepares every query afresh; on SQLite that was a sixth of the server's CPU under the
 * load test (`npm run load`), as the same few statements (pull, session check, push) run over and
 * over. Keeps the most recently used statements; one still being iterated is not handed out twice.
 */
const withStatementCache = (sqlite: Database.Database, size: number): SqliteDatabase => {
  const cache = new Map<string, Database.Statement>();
  return {
    close: () => sqlite.close(),
    prepare: (sql) => {
      const cached = cache.get(sql);
      if (cached !== undefined && !cached.busy) {
        // Most recently used last, so the first key is the one to evict.
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = sqlite.prepare(sql);
      cache.set(sql, statement);
      if (cache.size > size) {
        const oldest = cache.keys().next().value;
        if (oldest !== undefined) cache.delete(oldest);
      }
      return statement;
    },
  };
};

/**
 * SQLite rolls a transaction back by itself on some errors (SQLITE_FULL, some I/O errors). Kysely
 * then sends `rollback` anyway, which fails with "no transaction is active" and hides the error
 * that says what happened (a full disk answers 503, not 500).
 */
class RollbackOnlyIfOpen extends SqliteDriver {
  constructor(
    config: SqliteDialectConfig,
    private readonly sqlite: Database.Database,
  ) {
    super(config);
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.sqlite.inTransaction) await super.rollbackTransaction(connection);
  }
}

const sqliteDialect = (sqlite: Database.Database, config: SqliteDialectConfig): Dialect => {
  const standard = new SqliteDialect(config);
  return {
    createDriver: () => new RollbackOnlyIfOpen(config, sqlite),
    createQueryCompiler: () => standard.createQueryCompiler(),
    createAdapter: () => standard.createAdapter(),
    createIntrospector: (db) => standard.createIntrospector(db),
  };
};

const openSqlite = (url: string, options: OpenOptions): DbHandle => {
  const path = resolve(url.slice('sqlite:'.length));
  mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  // FULL: a push is acknowledged only once its commit is on disk, so not even a power loss takes
  // back a change a console has been told is stored. NORMAL would survive a process crash only;
  // the fsync is a small part of a push's time (docs/BENCHMARKS.md, "Server").
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Schema>({ dialect: sqliteDialect(sqlite, { database: withStatementCache(sqlite, 500) }), log: queryLog(options) });
  return { kind: 'sqlite', db, close: () => db.destroy() };
};

const openPostgres = (url: string, options: OpenOptions): DbHandle => {
  // A connection that cannot be had within 10 s (the database unreachable in a way that does not
  // refuse at once, or every connection busy that long) fails the request with 503 instead of
  // holding it; the next request tries again.
  const pool = new pg.Pool({ connectionString: url, max: 10, types: pgTypes(), connectionTimeoutMillis: 10_000 });
  // An idle connection dropped by the server (restart, failover) must not crash the process: the
  // pool lets it go, and opens a new one on the next query (a connection that broke under a query
  // is not returned to the pool either), so nothing needs reconnecting once the database is back.
  pool.on('error', () => undefined);
  // The pool listens for errors of idle connections only. One checked out between two statements
  // (inside a transaction) that the server ends (a restart: FATAL 57P01) emits 'error' with no
  // listener, which would end the process; heard here, the error reaches the connection's next
  // statement instead ("not queryable": 503), and the pool lets the connection go when it is released.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }), log: queryLog(options) });
  return { kind: 'postgres', db, close: () => db.destroy() };
};

/** Opens the database that a `sqlite:<path>` or `postgres://` URL names. */
export const openDatabase = (url: string, options: OpenOptions = {}): DbHandle =>
  databaseKindOf(url) === 'sqlite' ? openSqlite(url, options) : openPostgres(url, options);
