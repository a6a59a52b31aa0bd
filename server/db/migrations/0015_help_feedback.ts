import type { Kysely, Migration } from 'kysely';

export const helpFeedbackMigration: Migration = {
  up: async (db: Kysely<unknown>) => {
    // The answers to "Did this solve your problem?" under public articles on /help: one row per
    // answer, no client address or other trace of who gave it. Counted by period
    // (countSelfHelpAnswers), so indexed by time.
    await db.schema
      .createTable('help_feedback')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('article_id', 'text', (c) => c.notNull())
      .addColumn('solved', 'integer', (c) => c.notNull())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('help_feedback_at').on('help_feedback').column('at').execute();
  },
};
