import type { Kysely, Migration } from 'kysely';
import type { DatabaseKind } from '../../config';

export const auditLogMigration = (kind: DatabaseKind): Migration => ({
  up: async (db: Kysely<unknown>) => {
    // A growing integer id orders the entries and pages through them (`before`), also between
    // entries of the same millisecond. SQLite: AUTOINCREMENT so an id is never reused.
    await db.schema
      .createTable('audit_log')
      .addColumn('id', kind === 'postgres' ? 'bigserial' : 'integer', (c) => (kind === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('address', 'text')
      .addColumn('detail', 'text')
      .execute();
    await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
  },
});
