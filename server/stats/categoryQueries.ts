import { sql } from 'kysely';
import type { DatabaseKind } from '../config';
import type { Db } from '../db/connect';
import type { StatsCategoriesResponse } from '../../shared/stats/api';
import { DEFAULT_TRAINING_TOPIC_RULE, type TrainingTopicRule } from '../../shared/stats/categories';
import { isoWeeksOf, isWholeWeekIn, WEEK_MS } from '../../shared/stats/period';
import type { StatsQuery } from '../../shared/stats/selection';
import { trendsFromWeeklyCounts } from '../../shared/stats/categories';
import { remoteTime } from './remoteQueries';
import { inStatsSnapshot } from './snapshot';
import { periodConditions } from './periodAccess';
import { boundsOf, matchesFilters } from './sqlParts';

/**
 * The week a creation time falls in, as an index from the period's first ISO week (a Monday
 * 00:00 UTC at or before `from`, so the difference is never negative and truncation is floor).
 * SQLite divides integers as integers only when both sides are stored integers, and a bound
 * JavaScript number may arrive as a real, so it truncates with a cast; PostgreSQL's bigint
 * division already truncates.
 */
const weekIndex = (kind: DatabaseKind, firstWeek: number) =>
  kind === 'postgres' ? sql`(f.created_at - ${firstWeek}) / ${WEEK_MS}` : sql`cast((f.created_at - ${firstWeek}) / ${WEEK_MS} as integer)`;

const queryCategoriesIn = async (db: Db, kind: DatabaseKind, query: StatsQuery, rule: TrainingTopicRule): Promise<StatsCategoriesResponse> => {
  const weeks = isoWeeksOf(query.period);
  const firstWeek = Date.parse(weeks[0] ?? query.period.from);
  const [createdIn] = await periodConditions(db, kind, 'f.created_at', [boundsOf(query.period)]);
  const [{ rows }, remote] = await Promise.all([
    sql<{ category: string; w: number; n: number }>`
      select c.category as category, c.w as w, count(*) as n
      from (select f.category as category, ${weekIndex(kind, firstWeek)} as w
            from ticket_facts f
            where ${createdIn} and ${matchesFilters(query.filters, 'f.assignee_id')}) c
      group by c.category, c.w`.execute(db),
    remoteTime(db, kind, query, 'category'),
  ]);
  const counts = new Map<string, number[]>();
  for (const r of rows) {
    const row = counts.get(r.category) ?? weeks.map(() => 0);
    row[Number(r.w)] = (row[Number(r.w)] ?? 0) + Number(r.n);
    counts.set(r.category, row);
  }
  const whole = weeks.map((w) => isWholeWeekIn(w, query.period));
  const remoteTimeRows = [...remote]
    .map(([category, t]) => ({ category, sessions: t.sessions, hours: t.hours }))
    .sort((a, b) => b.hours - a.hours || (a.category < b.category ? -1 : 1));
  return { period: query.period, weeks, rows: trendsFromWeeklyCounts(counts, whole, rule), remoteTime: remoteTimeRows };
};

/** GET /api/stats/categories: tickets opened per category per ISO week, training topics, remote time per category. */
export const queryCategories = (
  db: Db,
  kind: DatabaseKind,
  query: StatsQuery,
  rule: TrainingTopicRule = DEFAULT_TRAINING_TOPIC_RULE,
): Promise<StatsCategoriesResponse> => inStatsSnapshot(db, kind, (snapshot) => queryCategoriesIn(snapshot, kind, query, rule));
