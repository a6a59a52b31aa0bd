import { sql, type Compilable, type OperationNodeSource, type Transaction } from 'kysely';
import type { Schema } from './schema';

/** A statement that writes and answers nothing its writer reads. */
export type WriteStatement = Compilable & OperationNodeSource & { execute(): Promise<unknown> };

/** Where a writer sends such statements: run each at once, or gather them to send together. */
export type WriteRunner = (statement: WriteStatement) => Promise<void>;

export const runAtOnce: WriteRunner = async (statement) => {
  await statement.execute();
};

export type WriteBatch = {
  run: WriteRunner;
  flush(): Promise<void>;
  /** Forgets what was gathered and not sent (the writer failed before its flush). */
  discard(): void;
};

/** A batch that sends each statement at once (SQLite, where a statement costs no round trip). */
export const unbatched: WriteBatch = { run: runAtOnce, flush: async () => undefined, discard: () => undefined };

/**
 * PostgreSQL: gathers writes that do not depend on each other (different rows, none reading what
 * another writes) and sends them as one statement, each a data-modifying WITH part of it, so that a
 * mutation's records, feed rows and ledger row cost one round trip instead of one each. PostgreSQL
 * runs the parts on one snapshot, so two of them must never touch the same row (a delete and an
 * insert of the same key would both see it present): such writes go through `runAtOnce`.
 */
export const createWriteBatch = (trx: Transaction<Schema>): WriteBatch => {
  let pending: WriteStatement[] = [];
  return {
    run: async (statement) => {
      pending.push(statement);
    },
    flush: async () => {
      const statements = pending;
      pending = [];
      const last = statements.at(-1);
      if (last === undefined) return;
      if (statements.length === 1) {
        await last.execute();
        return;
      }
      const parts = statements.slice(0, -1).map((statement, i) => sql`${sql.id(`w${i}`)} as (${statement})`);
      await sql`with ${sql.join(parts)} ${last}`.execute(trx);
    },
    discard: () => {
      pending = [];
    },
  };
};
