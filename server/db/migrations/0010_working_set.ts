import { sql, type Kysely, type Migration } from 'kysely';
import { assigneeOfEvent } from '../eventJson';
import type { DatabaseKind } from '../../config';

export const workingSetMigration = (kind: DatabaseKind): Migration => ({
  up: async (db: Kysely<unknown>) => {
    // A user's working set (server/sync/workingSet.ts) reads each of its parts through one of
    // these, so it costs what the part holds, not a scan of a desk's million tickets or their
    // events: tickets ended lately by closed_at (resolved_at and updated_at have indexes), and the
    // user's involvements by user and time. The two on ticket_events are partial: only
    // assignments and escalations pay for them on write, not every other event.
    await db.schema.createIndex('tickets_closed_at').on('tickets').column('closed_at').execute();
    await db.schema.createIndex('tickets_creator').on('tickets').columns(['created_by', 'created_at']).execute();
    await db.schema.createIndex('notes_author').on('notes').columns(['author_id', 'created_at']).execute();
    await db.schema.createIndex('remote_sessions_technician').on('remote_sessions').columns(['technician_id', 'updated_at']).execute();
    await sql`create index ticket_events_escalator on ticket_events (actor_id, at) where type = 'escalated'`.execute(db);
    // The assignee is inside the event's JSON: the index is on the expression the query spells (assigneeOfEvent).
    await sql`create index ticket_events_assignee on ticket_events (${assigneeOfEvent(kind)}, at) where type = 'assigned'`.execute(db);
  },
});
