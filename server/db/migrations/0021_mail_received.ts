import type { Kysely, Migration } from 'kysely';

export const mailReceivedMigration: Migration = {
  up: async (db: Kysely<unknown>) => {
    // Mail the inbound listener took (server/mail/), one row per Message-ID, written once what the
    // mail made (a ticket, a note, or nothing for a machine's mail) is committed: a second delivery
    // of the same mail is answered from here without another change. `ticket_id` is null for an ignored mail.
    await db.schema
      .createTable('mail_received')
      .addColumn('message_id', 'text', (c) => c.primaryKey())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('ticket_id', 'text')
      .addColumn('received_at', 'bigint', (c) => c.notNull())
      .execute();
  },
};
