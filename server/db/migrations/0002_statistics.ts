import type { Kysely, Migration } from 'kysely';

export const statisticsMigration: Migration = {
  up: async (db: Kysely<unknown>) => {
    await db.schema
      .createTable('ticket_facts')
      .addColumn('ticket_id', 'text', (c) => c.primaryKey())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('resolved_at', 'bigint')
      .addColumn('is_open', 'integer', (c) => c.notNull())
      .addColumn('tier', 'integer', (c) => c.notNull())
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('priority', 'text', (c) => c.notNull())
      .addColumn('assignee_id', 'text')
      .addColumn('credited_to', 'text')
      .addColumn('is_reopened', 'integer', (c) => c.notNull())
      .addColumn('is_escalated', 'integer', (c) => c.notNull())
      .addColumn('calls', 'integer', (c) => c.notNull())
      .addColumn('sessions', 'integer', (c) => c.notNull())
      .addColumn('assignees', 'integer', (c) => c.notNull())
      .addColumn('resolution_due_at', 'bigint', (c) => c.notNull())
      .addColumn('pending_since', 'bigint')
      .addColumn('requester_key', 'text', (c) => c.notNull())
      .addColumn('next_contact_at', 'bigint')
      .execute();
    // One index per way in: period on creation, period on resolution, the open backlog, and
    // "did this requester call again about the same thing" (repeat contact).
    await db.schema.createIndex('ticket_facts_created').on('ticket_facts').column('created_at').execute();
    await db.schema.createIndex('ticket_facts_resolved').on('ticket_facts').column('resolved_at').execute();
    await db.schema.createIndex('ticket_facts_open').on('ticket_facts').columns(['is_open', 'tier']).execute();
    await db.schema.createIndex('ticket_facts_requester').on('ticket_facts').columns(['requester_key', 'category', 'created_at']).execute();
    await db.schema
      .createTable('ticket_tier_stays')
      .addColumn('ticket_id', 'text', (c) => c.notNull())
      .addColumn('ord', 'integer', (c) => c.notNull())
      .addColumn('tier', 'integer', (c) => c.notNull())
      .addColumn('since', 'bigint', (c) => c.notNull())
      .addColumn('until', 'bigint')
      .addPrimaryKeyConstraint('ticket_tier_stays_pk', ['ticket_id', 'ord'])
      .execute();
    await db.schema.createIndex('remote_sessions_ended').on('remote_sessions').column('ended_at').execute();
    // The rows themselves are built by the last statistics migration (0004), which knows every column.
  },
};
