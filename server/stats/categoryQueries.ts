import { sql, type RawBuilder } from 'kysely';
import type { DatabaseKind } from '../config';
import type { Db } from '../db/connect';
import type { StatsCategoriesResponse } from '../../shared/stats/api';
import { DEFAULT_TRAINING_TOPIC_RULE, type TrainingTopicRule } from '../../shared/stats/categories';
import { DAY_MS, isoWeeksOf, isWholeWeekIn, utcDaysOf, WEEK_MS } from '../../shared/stats/period';
import type { StatsQuery } from '../../shared/stats/selection';
import { trendsFromWeeklyCounts } from '../../shared/stats/categories';
import { remoteTime } from './remoteQueries';
import { queryTopRequesters } from './topRequesterQueries';
import { inStatsSnapshot } from './snapshot';
import { periodConditions } from './periodAccess';
import { boundsOf, bucketIndex, matchesFilters } from './sqlParts';

/** Counts per category and bucket (a week, or a day from the period's first midnight), the bucket as an index. */
const countsPer = async (db: Db, where: RawBuilder<unknown>, index: RawBuilder<unknown>, buckets: number): Promise<Map<string, number[]>> => {
  const { rows } = await sql<{ category: string; i: number; n: number }>`
    select c.category as category, c.i as i, count(*) as n
    from (select f.category as category, ${index} as i from ticket_facts f where ${where}) c
    group by c.category, c.i`.execute(db);
  const counts = new Map<string, number[]>();
  for (const r of rows) {
    const row = counts.get(r.category) ?? Array.from({ length: buckets }, () => 0);
    row[Number(r.i)] = (row[Number(r.i)] ?? 0) + Number(r.n);
    counts.set(r.category, row);
  }
  return counts;
};

const queryCategoriesIn = async (db: Db, kind: DatabaseKind, query: StatsQuery, rule: TrainingTopicRule): Promise<StatsCategoriesResponse> => {
  const weeks = isoWeeksOf(query.period);
  const days = utcDaysOf(query.period);
  const firstWeek = Date.parse(weeks[0] ?? query.period.from);
  const [createdIn] = await periodConditions(db, kind, 'f.created_at', [boundsOf(query.period)]);
  const where = sql`${createdIn} and ${matchesFilters(query.filters, 'f.assignee_id')}`;
  const [counts, daily, remote] = await Promise.all([
    countsPer(db, where, bucketIndex(kind, firstWeek, WEEK_MS), weeks.length),
    // A short period is counted per day too, from its first midnight (never after a creation time in it).
    days.length === 0 ? new Map<string, number[]>() : countsPer(db, where, bucketIndex(kind, Date.parse(days[0] ?? query.period.from), DAY_MS), days.length),
    remoteTime(db, kind, query, 'category'),
  ]);
  const whole = weeks.map((w) => isWholeWeekIn(w, query.period));
  const remoteTimeRows = [...remote]
    .map(([category, t]) => ({ category, sessions: t.sessions, hours: t.hours }))
    .sort((a, b) => b.hours - a.hours || (a.category < b.category ? -1 : 1));
  const rows = trendsFromWeeklyCounts(counts, whole, rule, daily);
  const topics = rows.filter((r) => r.isTrainingTopic).map((r) => r.category);
  const topRequesters = await queryTopRequesters(db, kind, where, topics);
  return { period: query.period, weeks, days, rows, remoteTime: remoteTimeRows, topRequesters };
};

/** GET /api/stats/categories: tickets opened per category per ISO week, training topics, remote time per category. */
export const queryCategories = (
  db: Db,
  kind: DatabaseKind,
  query: StatsQuery,
  rule: TrainingTopicRule = DEFAULT_TRAINING_TOPIC_RULE,
): Promise<StatsCategoriesResponse> => inStatsSnapshot(db, kind, (snapshot) => queryCategoriesIn(snapshot, kind, query, rule));
