import type { Kysely, Migration } from 'kysely';

export const mailOutboxMigration: Migration = {
  up: async (db: Kysely<unknown>) => {
    // Mail owed to callers (server/mail/): written in the transaction of the change that owes it,
    // sent later by the sender, which claims due rows by moving next_attempt_at on (a lease) under
    // its claim token. Rows stay: a sent or failed mail is the record of what the caller was told.
    await db.schema
      .createTable('mail_outbox')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('ticket_id', 'text', (c) => c.notNull())
      .addColumn('ticket_code', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('recipient', 'text', (c) => c.notNull())
      .addColumn('language', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('text_body', 'text', (c) => c.notNull())
      .addColumn('html_body', 'text', (c) => c.notNull())
      .addColumn('message_id', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('claim', 'text')
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('sent_at', 'bigint')
      .execute();
    // The sender's one question: which queued rows are due, oldest first.
    await db.schema.createIndex('mail_outbox_due').on('mail_outbox').columns(['status', 'next_attempt_at']).execute();
    await db.schema.createIndex('mail_outbox_ticket').on('mail_outbox').column('ticket_id').execute();
  },
};
