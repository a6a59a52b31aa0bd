import { sql, type RawBuilder } from 'kysely';
import type { DatabaseKind } from '../config';
import type { Db } from '../db/connect';
import { inPeriod, type Bounds } from './sqlParts';

export type PeriodColumn = 'f.created_at' | 'f.resolved_at' | 'rs.ended_at';

// The table each column's alias stands for in the statistics queries.
const TABLE_OF: Record<PeriodColumn, RawBuilder<unknown>> = {
  'f.created_at': sql`ticket_facts f`,
  'f.resolved_at': sql`ticket_facts f`,
  'rs.ended_at': sql`remote_sessions rs`,
};

/**
 * A [from, to) condition on a facts time column that SQLite cannot serve from that column's
 * index: unary plus makes it an expression. PostgreSQL reads it the same way as the plain one.
 */
export const inPeriodWithoutIndex = (column: PeriodColumn, bounds: Bounds): RawBuilder<unknown> =>
  sql`+${sql.ref(column)} >= ${bounds.from} and +${sql.ref(column)} < ${bounds.to}`;

// Past this share of the table, reading it straight through beats the index (see periodConditions).
const SCAN_SHARE = 0.2;

/**
 * The condition for a pass over the rows of each period, worded for the cheaper way in.
 * SQLite keeps no statistics on how values spread, so it serves any range on an indexed column
 * through that index, and then pays a table lookup per row, which over a large part of the table
 * costs more than reading the table straight through (docs/BENCHMARKS.md, "Statistics"). So ask the index how many rows each range holds (index-only
 * counts, a few ms) and hide the index from a pass over more than a fifth of the table.
 * PostgreSQL keeps statistics and chooses by itself.
 */
export const periodConditions = async (db: Db, kind: DatabaseKind, column: PeriodColumn, periods: readonly Bounds[]): Promise<Array<RawBuilder<unknown>>> => {
  if (kind === 'postgres') return periods.map((bounds) => inPeriod(column, bounds));
  const table = TABLE_OF[column];
  const counts = periods.map((bounds, i) => sql`(select count(*) from ${table} where ${inPeriod(column, bounds)}) as ${sql.ref(`n${i}`)}`);
  const { rows } = await sql<Record<string, number>>`select (select count(*) from ${table}) as total, ${sql.join(counts)}`.execute(db);
  const row = rows[0] ?? {};
  const total = Number(row.total ?? 0);
  return periods.map((bounds, i) => (Number(row[`n${i}`] ?? 0) > SCAN_SHARE * total ? inPeriodWithoutIndex(column, bounds) : inPeriod(column, bounds)));
};
