import type { Kysely, Migration } from 'kysely';

export const trackAnswersMigration: Migration = {
  up: async (db: Kysely<unknown>) => {
    // The callers' answers on /track, written with their `caller_answered` event (server/db/records.ts).
    // The key is the resolution answered: a second answer to it fails in the database too, even
    // from another instance; the statistics read answers by time and by technician.
    await db.schema
      .createTable('track_answers')
      .addColumn('ticket_id', 'text', (c) => c.notNull())
      .addColumn('resolved_at', 'bigint', (c) => c.notNull())
      .addColumn('event_id', 'text', (c) => c.notNull())
      .addColumn('solved', 'integer', (c) => c.notNull())
      .addColumn('rating', 'integer')
      .addColumn('technician_id', 'text')
      .addColumn('answered_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('track_answers_pk', ['ticket_id', 'resolved_at'])
      .execute();
    await db.schema.createIndex('track_answers_resolved').on('track_answers').columns(['resolved_at', 'technician_id']).execute();
  },
};
