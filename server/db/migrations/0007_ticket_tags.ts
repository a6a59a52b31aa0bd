import type { Kysely, Migration } from 'kysely';

export const ticketTagsMigration: Migration = {
  up: async (db: Kysely<unknown>) => {
    // Tickets' tags, one row each, written with the ticket (writeRecordRows). The key serves
    // the statistics' "has this tag" test per ticket; the index, every ticket with a tag.
    await db.schema
      .createTable('ticket_tags')
      .addColumn('ticket_id', 'text', (c) => c.notNull())
      .addColumn('tag', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('ticket_tags_pk', ['ticket_id', 'tag'])
      .execute();
    await db.schema.createIndex('ticket_tags_tag').on('ticket_tags').columns(['tag', 'ticket_id']).execute();
  },
};
