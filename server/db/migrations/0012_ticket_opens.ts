import type { Kysely, Migration } from 'kysely';

export const ticketOpensMigration: Migration = {
  up: async (db: Kysely<unknown>) => {
    // Tickets each user opened on demand (GET /api/tickets/<ref>), their latest opening only:
    // the `opened` part of the working set (server/sync/ticketOpens.ts). The index serves a
    // user's openings newest first, for the working set and for trimming on each write.
    await db.schema
      .createTable('ticket_opens')
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('ticket_id', 'text', (c) => c.notNull())
      .addColumn('opened_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('ticket_opens_pk', ['user_id', 'ticket_id'])
      .execute();
    await db.schema.createIndex('ticket_opens_user_time').on('ticket_opens').columns(['user_id', 'opened_at']).execute();
  },
};
