import { sql } from 'kysely';
import type { DatabaseKind } from '../config';
import type { Db } from '../db/connect';
import { HOUR_MS } from '../../shared/stats/period';
import type { StatsQuery } from '../../shared/stats/selection';
import { periodConditions } from './periodAccess';
import { boundsOf, floatSum, matchesFilters } from './sqlParts';

export type RemoteTotals = { sessions: number; hours: number };

/**
 * Finished remote sessions whose end falls in the period (served by remote_sessions_ended),
 * each counted in full, grouped by technician or by the ticket's category. Tier and category
 * filters match the session's ticket (ticket_facts by primary key); the technician filter the
 * session's technician.
 */
export const remoteTime = async (db: Db, kind: DatabaseKind, query: StatsQuery, by: 'technician' | 'category'): Promise<Map<string, RemoteTotals>> => {
  const key = by === 'technician' ? sql.ref('rs.technician_id') : sql.ref('f.category');
  const [endedIn] = await periodConditions(db, kind, 'rs.ended_at', [boundsOf(query.period)]);
  const { rows } = await sql<{ k: string; n: number; ms: number | null }>`
    select ${key} as k, count(*) as n, ${floatSum(kind, sql`rs.ended_at - rs.started_at`)} as ms
    from remote_sessions rs join ticket_facts f on f.ticket_id = rs.ticket_id
    where ${endedIn} and ${matchesFilters(query.filters, 'rs.technician_id')}
    group by ${key}`.execute(db);
  return new Map(rows.map((r) => [r.k, { sessions: Number(r.n), hours: Number(r.ms ?? 0) / HOUR_MS }]));
};
