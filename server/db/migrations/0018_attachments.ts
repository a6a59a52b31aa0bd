import type { Kysely, Migration } from 'kysely';

export const attachmentsMigration: Migration = {
  up: async (db: Kysely<unknown>) => {
    // Files received at POST /api/attachments; the bytes live in the file store (MEJA_FILES_DIR)
    // under their SHA-256. A ticket's attachments are read by ticket_id.
    await db.schema
      .createTable('attachments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('size', 'bigint', (c) => c.notNull())
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('uploaded_by', 'text', (c) => c.notNull())
      .addColumn('uploaded_at', 'bigint', (c) => c.notNull())
      .addColumn('ticket_id', 'text')
      .addColumn('note_id', 'text')
      .execute();
    await db.schema.createIndex('attachments_ticket').on('attachments').column('ticket_id').execute();
  },
};
