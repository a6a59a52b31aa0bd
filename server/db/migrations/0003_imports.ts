import type { Kysely, Migration } from 'kysely';

export const importsMigration: Migration = {
  up: async (db: Kysely<unknown>) => {
    // Where an imported ticket came from: importing the same file again finds it here.
    await db.schema
      .createTable('ticket_imports')
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('external_id', 'text', (c) => c.notNull())
      .addColumn('ticket_id', 'text', (c) => c.notNull().unique())
      .addColumn('made_sla', 'integer')
      .addColumn('extra', 'text', (c) => c.notNull())
      .addColumn('imported_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('ticket_imports_pk', ['source', 'external_id'])
      .execute();
  },
};
