import { sql, type Kysely, type Migration } from 'kysely';
import type { DatabaseKind } from '../../config';

export const feedTicketMigration = (kind: DatabaseKind): Migration => ({
  up: async (db: Kysely<unknown>) => {
    // The ticket each feed row belongs to (the ticket itself, or the ticket of an event, note or
    // remote session; null for users, replies and deletions), so a scoped pull filters the feed
    // by the user's working set in SQL and a catch-up reads one ticket's records through an index.
    await db.schema.alterTable('sync_changes').addColumn('ticket_id', 'text').execute();
    const ticketOfData = kind === 'postgres' ? sql`data::json->>'ticketId'` : sql`json_extract(data, '$.ticketId')`;
    await sql`update sync_changes set ticket_id = case
        when op <> 'put' then null
        when entity = 'ticket' then entity_id
        when entity in ('event', 'note', 'session') then ${ticketOfData}
        else null end`.execute(db);
    await db.schema.createIndex('sync_changes_ticket').on('sync_changes').column('ticket_id').execute();
  },
});
