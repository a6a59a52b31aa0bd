import { sql, type RawBuilder } from 'kysely';
import type { DatabaseKind } from '../config';
import type { Db } from '../db/connect';
import { inPeriod, type Bounds } from './sqlParts';

export type PeriodColumn = 'f.created_at' | 'f.resolved_at';

/**
 * A [from, to) condition on a facts time column that SQLite cannot serve from that column's
 * index: unary plus makes it an expression. PostgreSQL reads it the same way as the plain one.
 */
export const inPeriodWithoutIndex = (column: PeriodColumn, bounds: Bounds): RawBuilder<unknown> =>
  sql`+${sql.ref(column)} >= ${bounds.from} and +${sql.ref(column)} < ${bounds.to}`;

// Past this share of the table, reading it straight through beats the index (see periodCondition).
const SCAN_SHARE = 0.25;

/**
 * The period condition for a pass over the facts, worded for the cheaper way in. SQLite keeps no
 * statistics on how values spread, so it serves any range on an indexed column through its index,
 * and then pays a table lookup per row: over 100,000 facts a year's pass took 60 ms that way and
 * 24 ms reading the table through (docs/BENCHMARKS.md). So ask the index how many rows the range
 * holds (an index-only count, a few ms) and hide the index when that is more than a quarter of
 * the table. PostgreSQL keeps statistics and chooses by itself.
 */
export const periodCondition = async (db: Db, kind: DatabaseKind, column: PeriodColumn, bounds: Bounds): Promise<RawBuilder<unknown>> => {
  if (kind === 'postgres') return inPeriod(column, bounds);
  const { rows } = await sql<{ inside: number; total: number }>`
    select (select count(*) from ticket_facts f where ${inPeriod(column, bounds)}) as inside,
      (select count(*) from ticket_facts) as total`.execute(db);
  const inside = Number(rows[0]?.inside ?? 0);
  const total = Number(rows[0]?.total ?? 0);
  return inside > SCAN_SHARE * total ? inPeriodWithoutIndex(column, bounds) : inPeriod(column, bounds);
};
