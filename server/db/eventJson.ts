import { sql, type RawBuilder } from 'kysely';
import type { DatabaseKind } from '../config';

/**
 * The assignee an `assigned` event names (`data.to`, null for an unassignment), read from the
 * event's JSON text in SQL. Written once, here, because an index on an expression serves only a
 * query that spells the expression the same way (migration 0010_working_set, server/sync/workingSet.ts).
 */
export const assigneeOfEvent = (kind: DatabaseKind): RawBuilder<string | null> =>
  kind === 'sqlite' ? sql<string | null>`json_extract(data, '$.to')` : sql<string | null>`((data::jsonb) ->> 'to')`;
