import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/connect';
import { HOUR_MS } from '../../shared/stats/period';

export type ResolutionPercentiles = { resolved: number; medianHours: number | null; p90Hours: number | null };

type Row = { k: string | null; n: number; p50: number | null; p90: number | null };

/**
 * Nearest-rank median and 90th percentile of resolution time (last resolution − creation) over
 * the resolved tickets matching `where`, per group of `groupBy` (one group when omitted).
 * row_number() over the ordered times and count(*) give rank = (p × n + 99) / 100 in integer
 * division, the same on both engines (count is integer on SQLite, bigint on PostgreSQL), and
 * the same as shared/stats/percentile.ts. Only the two chosen rows per group leave the database.
 */
export const resolutionPercentiles = async (
  db: Db,
  where: RawBuilder<unknown>,
  groupBy?: 'f.credited_to' | 'f.priority',
): Promise<Map<string | null, ResolutionPercentiles>> => {
  const key = groupBy === undefined ? sql`''` : sql.ref(groupBy);
  const partition = groupBy === undefined ? sql`` : sql`partition by ${sql.ref(groupBy)}`;
  const { rows } = await sql<Row>`
    with r as (
      select ${key} as k, f.resolved_at - f.created_at as ms,
        row_number() over (${partition} order by f.resolved_at - f.created_at, f.ticket_id) as rn,
        count(*) over (${partition}) as n
      from ticket_facts f
      where ${where}
    )
    select r.k as k, r.n as n,
      max(case when r.rn = (50 * r.n + 99) / 100 then r.ms end) as p50,
      max(case when r.rn = (90 * r.n + 99) / 100 then r.ms end) as p90
    from r
    where r.rn = (50 * r.n + 99) / 100 or r.rn = (90 * r.n + 99) / 100
    group by r.k, r.n`.execute(db);
  return new Map(
    rows.map((r) => [
      groupBy === undefined ? null : r.k,
      { resolved: Number(r.n), medianHours: r.p50 === null ? null : Number(r.p50) / HOUR_MS, p90Hours: r.p90 === null ? null : Number(r.p90) / HOUR_MS },
    ]),
  );
};
