import { sql, type RawBuilder } from 'kysely';
import type { DatabaseKind } from '../config';
import type { Db } from '../db/connect';
import { inPeriod, type Bounds } from './sqlParts';
import { inPeriodWithoutIndex } from './periodAccess';

/** One value to read: the resolution time at 1-based `rank` among the facts rows matching `where` (null rank: none). */
export type ResolutionPick = { where: RawBuilder<unknown>; rank: number | null };

// One statement returns one row with a column per pick; this many keeps it under SQLite's
// 2,000-column and PostgreSQL's 1,664-entry limits.
const PICKS_PER_STATEMENT = 200;

/**
 * The resolved-in-period condition for a pick, or a pass that should read one of the
 * resolution indexes. On SQLite it must not be served by the resolved_at index, so the planner
 * walks a (group, resolution_ms, resolved_at, …) index instead and tests the period on its entries.
 */
export const resolvedInAlongResolutionIndex = (kind: DatabaseKind, bounds: Bounds): RawBuilder<unknown> =>
  kind === 'sqlite' ? inPeriodWithoutIndex('f.resolved_at', bounds) : inPeriod('f.resolved_at', bounds);

/**
 * Nearest-rank percentiles of resolution time without sorting: the caller counts the rows of
 * each group in its one pass, works out the rank (nearestRankPosition), and this reads the value
 * at that rank with `order by resolution_ms limit 1 offset rank − 1`. That walks one of the
 * (group, resolution_ms, resolved_at) indexes of migration 0004 in order, tests the period on
 * the index entry and stops at the rank: a few ms where a window function sorted every row.
 * Returns the values in milliseconds, in the order of the picks.
 */
export const pickResolutionTimes = async (db: Db, picks: readonly ResolutionPick[]): Promise<Array<number | null>> => {
  const values: Array<number | null> = picks.map(() => null);
  const wanted = picks.flatMap((pick, i) => (pick.rank === null ? [] : [{ ...pick, rank: pick.rank, i }]));
  for (let start = 0; start < wanted.length; start += PICKS_PER_STATEMENT) {
    const part = wanted.slice(start, start + PICKS_PER_STATEMENT);
    const columns = part.map(
      (pick) =>
        sql`(select f.resolution_ms from ticket_facts f where ${pick.where} order by f.resolution_ms limit 1 offset ${pick.rank - 1}) as ${sql.ref(`v${pick.i}`)}`,
    );
    const { rows } = await sql<Record<string, number | null>>`select ${sql.join(columns)}`.execute(db);
    const row = rows[0] ?? {};
    for (const pick of part) {
      const value = row[`v${pick.i}`];
      values[pick.i] = value === null || value === undefined ? null : Number(value);
    }
  }
  return values;
};
