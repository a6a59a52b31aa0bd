import { sql, type Transaction } from 'kysely';
import type { DatabaseKind } from '../config';
import type { Schema } from '../db/schema';
import { storageFaultOf } from '../db/storageFault';

/**
 * The savepoint each mutation of a push group runs in. A kept savepoint is released when the next
 * one opens (on PostgreSQL in the same round trip, as two statements of one simple query) or when
 * the group closes it: one round trip a mutation rather than two.
 */
export type Savepoint = {
  open(): Promise<void>;
  /** The mutation went through: its savepoint is released with the next opening or at `close`. */
  keep(): void;
  /** Takes back what the mutation wrote so far and goes on inside the same savepoint (a refusal). */
  rollBack(): Promise<void>;
  /**
   * Takes back everything the mutation wrote after it threw, and ends its savepoint. A storage
   * fault (disk full, read-only) is thrown again, to fail the whole group, as every write fails
   * alike; so is an error after which the savepoint cannot be rolled back (SQLite ends the whole
   * transaction by itself on some errors).
   */
  undo(error: unknown): Promise<void>;
  close(): Promise<void>;
};

export const createSavepoint = (trx: Transaction<Schema>, kind: DatabaseKind): Savepoint => {
  let isKept = false;
  const release = async () => {
    if (isKept) await sql`release savepoint mutation`.execute(trx);
    isKept = false;
  };
  return {
    open: async () => {
      if (isKept && kind === 'postgres') {
        // No parameters, so pg sends it as a simple query, which may hold several statements.
        await sql.raw('release savepoint mutation; savepoint mutation').execute(trx);
        isKept = false;
        return;
      }
      await release();
      await sql`savepoint mutation`.execute(trx);
    },
    keep: () => {
      isKept = true;
    },
    rollBack: async () => {
      await sql`rollback to savepoint mutation`.execute(trx);
    },
    undo: async (error) => {
      if (storageFaultOf(error) !== null) throw error;
      try {
        await sql`rollback to savepoint mutation`.execute(trx);
        // Rolling back keeps the savepoint open: release it, or the next one would nest inside it.
        await sql`release savepoint mutation`.execute(trx);
      } catch {
        throw error;
      }
    },
    close: release,
  };
};
