import { sql, type RawBuilder } from 'kysely';
import type { DatabaseKind } from '../config';
import type { StatsFilters } from '../../shared/stats/selection';
import type { Period } from '../../shared/stats/period';

/**
 * Pieces shared by the statistics queries. Every query reads `ticket_facts` as `f`. Times are
 * epoch milliseconds in bigint columns; durations stay in milliseconds in SQL and become hours
 * in TypeScript (ms / HOUR_MS), exactly as the reference computes them.
 */

export type Bounds = { from: number; to: number };
export const boundsOf = (period: Period): Bounds => ({ from: Date.parse(period.from), to: Date.parse(period.to) });

/** Which column the technician filter matches: the credited technician for resolved tickets, the assignee for opened or open ones. */
export type TechnicianColumn = 'f.credited_to' | 'f.assignee_id' | 'rs.technician_id' | 'a.technician_id';

/**
 * The filters as a condition on `f` (tier, category and tag as the ticket is now). The tag is
 * looked up by primary key (ticket_id, tag) of ticket_tags for each row the other conditions keep.
 */
export const matchesFilters = (filters: StatsFilters, technician: TechnicianColumn): RawBuilder<unknown> => {
  const parts: Array<RawBuilder<unknown>> = [sql`1 = 1`];
  if (filters.tier !== undefined) parts.push(sql`f.tier = ${filters.tier}`);
  if (filters.category !== undefined) parts.push(sql`f.category = ${filters.category}`);
  if (filters.tag !== undefined) parts.push(sql`exists (select 1 from ticket_tags tt where tt.ticket_id = f.ticket_id and tt.tag = ${filters.tag})`);
  if (filters.technicianId !== undefined) parts.push(sql`${sql.ref(technician)} = ${filters.technicianId}`);
  return sql.join(parts, sql` and `);
};

/**
 * The week (or day) a creation time falls in, as an index from `first` (a Monday 00:00 UTC or a
 * midnight at or before every creation time asked about), so the difference is never negative and truncation is floor.
 * SQLite divides integers as integers only when both sides are stored integers, and a bound
 * JavaScript number may arrive as a real, so it truncates with a cast; PostgreSQL's bigint
 * division already truncates.
 */
export const bucketIndex = (kind: DatabaseKind, first: number, length: number): RawBuilder<unknown> =>
  kind === 'postgres' ? sql`(f.created_at - ${first}) / ${length}` : sql`cast((f.created_at - ${first}) / ${length} as integer)`;

/** A half-open [from, to) condition on a millisecond column. */
export const inPeriod = (column: string, bounds: Bounds): RawBuilder<unknown> =>
  sql`${sql.ref(column)} >= ${bounds.from} and ${sql.ref(column)} < ${bounds.to}`;

/**
 * A sum of bigint milliseconds as a float. PostgreSQL's sum(bigint) is numeric, which pg hands
 * back as a string; SQLite's is an integer already, and its `real` keeps that exact below 2^53.
 */
export const floatSum = (kind: DatabaseKind, expression: RawBuilder<unknown>): RawBuilder<number | null> =>
  kind === 'postgres' ? sql<number | null>`cast(sum(${expression}) as double precision)` : sql<number | null>`cast(sum(${expression}) as real)`;

/** The larger of two values: SQLite's two-argument max() is PostgreSQL's greatest(). */
export const larger = (kind: DatabaseKind, a: RawBuilder<unknown>, b: RawBuilder<unknown>): RawBuilder<unknown> =>
  kind === 'postgres' ? sql`greatest(${a}, ${b})` : sql`max(${a}, ${b})`;

/** A count, 0 when nothing matched (sum over no rows is null on both engines). */
export const countWhere = (condition: RawBuilder<unknown>): RawBuilder<number> => sql<number>`coalesce(sum(case when ${condition} then 1 else 0 end), 0)`;

/**
 * Repeat contact for the ticket `f`: its requester opened another ticket in the same category
 * within the window after its last resolution. The earliest such ticket decides, and it is kept
 * per ticket in `next_contact_at` (server/stats/ticketFactsTable.ts), so this is a comparison on
 * the row itself; the other ticket is any ticket, filters do not apply.
 */
export const isRepeatContact = (windowDays: number): RawBuilder<unknown> =>
  sql`(f.next_contact_at is not null and f.next_contact_at <= f.resolved_at + ${windowDays * 86_400_000})`;
