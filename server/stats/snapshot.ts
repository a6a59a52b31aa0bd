import { sql } from 'kysely';
import type { DatabaseKind } from '../config';
import type { Db } from '../db/connect';

/**
 * Runs one statistics answer's queries. On PostgreSQL they share one repeatable-read snapshot
 * (the summary's figures and its previous period come from the same moment) and run without
 * JIT compilation: these queries cost enough to trigger it, and compiling them takes longer than
 * running them (docs/BENCHMARKS.md, "Statistics").
 * On SQLite the queries already go through one connection in turn; a transaction around them
 * would only hold up writers, so they run as they are.
 */
export const inStatsSnapshot = async <T>(db: Db, kind: DatabaseKind, run: (db: Db) => Promise<T>): Promise<T> => {
  if (kind !== 'postgres') return run(db);
  if (db.isTransaction) {
    await sql`set local jit = off`.execute(db);
    return run(db);
  }
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      await sql`set local jit = off`.execute(trx);
      return run(trx);
    });
};
