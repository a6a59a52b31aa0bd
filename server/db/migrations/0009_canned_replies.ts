import type { Kysely, Migration } from 'kysely';

export const cannedRepliesMigration: Migration = {
  up: async (db: Kysely<unknown>) => {
    // The desk's shared reply texts (reply:save, reply:delete); a deleted one leaves no row.
    await db.schema
      .createTable('canned_replies')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
  },
};
