import type { Kysely, Migration } from 'kysely';

export const trainingClassesMigration: Migration = {
  up: async (db: Kysely<unknown>) => {
    // Training classes (class:create, class:update, class:markAttendance) and their invited
    // requesters, one row each, keyed as the statistics key requesters (ticket_facts.requester_key),
    // so a class's attendees join their tickets; classes are found by topic and start.
    await db.schema
      .createTable('training_classes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('topic', 'text', (c) => c.notNull())
      .addColumn('trainer_ids', 'text', (c) => c.notNull())
      .addColumn('starts_at', 'bigint', (c) => c.notNull())
      .addColumn('duration_minutes', 'integer', (c) => c.notNull())
      .addColumn('place', 'text', (c) => c.notNull())
      .addColumn('materials', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('training_classes_topic').on('training_classes').columns(['topic', 'starts_at']).execute();
    await db.schema
      .createTable('training_class_attendees')
      .addColumn('class_id', 'text', (c) => c.notNull())
      .addColumn('requester_key', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('contact', 'text')
      .addColumn('attendance', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('training_class_attendees_pk', ['class_id', 'requester_key'])
      .execute();
    await db.schema.createIndex('training_class_attendees_requester').on('training_class_attendees').columns(['requester_key', 'class_id']).execute();
  },
};
