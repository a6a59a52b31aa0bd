import { sql } from 'kysely';
import type { DatabaseKind } from '../config';
import type { Db } from '../db/connect';
import { RESOLUTION_BANDS, type ResolutionBand, type StatsSummaryResponse } from '../../shared/stats/api';
import type { ResolutionByPriorityRow, StatsSummary } from '../../shared/stats/metrics';
import { rate } from '../../shared/stats/percentile';
import { HOUR_MS, previousPeriod, type Period } from '../../shared/stats/period';
import { DEFAULT_FCR_WINDOW_MINUTES, DEFAULT_REPEAT_WINDOW_DAYS, type StatsFilters, type StatsQuery } from '../../shared/stats/selection';
import { PRIORITIES } from '../../shared/domain/ticket';
import { resolutionPercentiles } from './percentiles';
import { inStatsSnapshot } from './snapshot';
import { boundsOf, countWhere, inPeriod, isRepeatContact, matchesFilters } from './sqlParts';
import { countBreachingNow } from './backlogQueries';
import { queryTiers } from './tierQueries';

/** Tickets resolved in the period (last resolution in [from, to), served by ticket_facts_resolved); technician = credited. */
const resolvedWhere = (period: Period, filters: StatsFilters) => sql`${inPeriod('f.resolved_at', boundsOf(period))} and ${matchesFilters(filters, 'f.credited_to')}`;

/** Tickets created in the period (served by ticket_facts_created); technician = current assignee. */
export const openedWhere = (period: Period, filters: StatsFilters) => sql`${inPeriod('f.created_at', boundsOf(period))} and ${matchesFilters(filters, 'f.assignee_id')}`;

type ResolvedCounts = { resolved: number; reopened: number; repeated: number; fcr: number; met: number };

const resolvedCounts = async (db: Db, query: StatsQuery, period: Period): Promise<ResolvedCounts> => {
  const fcrMs = (query.options.fcrWindowMinutes ?? DEFAULT_FCR_WINDOW_MINUTES) * 60_000;
  const firstContact = sql`f.tier = 1 and f.is_escalated = 0 and f.is_reopened = 0 and f.resolved_at - f.created_at <= ${fcrMs}
    and f.calls <= 1 and f.sessions <= 1 and f.assignees <= 1`;
  const { rows } = await sql<ResolvedCounts>`
    select count(*) as resolved,
      ${countWhere(sql`f.is_reopened = 1`)} as reopened,
      ${countWhere(isRepeatContact(query.options.repeatWindowDays ?? DEFAULT_REPEAT_WINDOW_DAYS))} as repeated,
      ${countWhere(firstContact)} as fcr,
      ${countWhere(sql`f.resolved_at <= f.resolution_due_at`)} as met
    from ticket_facts f
    where ${resolvedWhere(period, query.filters)}`.execute(db);
  const row = rows[0];
  return { resolved: Number(row?.resolved ?? 0), reopened: Number(row?.reopened ?? 0), repeated: Number(row?.repeated ?? 0), fcr: Number(row?.fcr ?? 0), met: Number(row?.met ?? 0) };
};

const openedCounts = async (db: Db, period: Period, filters: StatsFilters): Promise<{ opened: number; escalated: number }> => {
  const { rows } = await sql<{ opened: number; escalated: number }>`
    select count(*) as opened, ${countWhere(sql`f.is_escalated = 1`)} as escalated
    from ticket_facts f where ${openedWhere(period, filters)}`.execute(db);
  return { opened: Number(rows[0]?.opened ?? 0), escalated: Number(rows[0]?.escalated ?? 0) };
};

const summaryFor = async (db: Db, query: StatsQuery, period: Period): Promise<StatsSummary> => {
  const [resolved, opened, percentiles] = await Promise.all([
    resolvedCounts(db, query, period),
    openedCounts(db, period, query.filters),
    resolutionPercentiles(db, resolvedWhere(period, query.filters)),
  ]);
  const p = percentiles.get(null);
  return {
    opened: opened.opened,
    resolved: resolved.resolved,
    reopenRate: rate(resolved.reopened, resolved.resolved),
    repeatContactRate: rate(resolved.repeated, resolved.resolved),
    firstContactResolutionRate: rate(resolved.fcr, resolved.resolved),
    escalationRate: rate(opened.escalated, opened.opened),
    medianResolutionHours: p?.medianHours ?? null,
    p90ResolutionHours: p?.p90Hours ?? null,
    slaAttainment: rate(resolved.met, resolved.resolved),
  };
};

const resolutionByPriority = async (db: Db, query: StatsQuery): Promise<ResolutionByPriorityRow[]> => {
  const byPriority = await resolutionPercentiles(db, resolvedWhere(query.period, query.filters), 'f.priority');
  return [...PRIORITIES].reverse().map((priority) => {
    const p = byPriority.get(priority);
    return { priority, resolved: p?.resolved ?? 0, medianHours: p?.medianHours ?? null, p90Hours: p?.p90Hours ?? null };
  });
};

/** Band thresholds compared in whole milliseconds, so a boundary lands in the band it starts, as in the reference. */
const bandCase = () => {
  const bounded = RESOLUTION_BANDS.filter((b) => Number.isFinite(b.toHours));
  const whens = bounded.map((b) => sql`when f.resolved_at - f.created_at < ${b.toHours * HOUR_MS} then ${b.id}`);
  return sql`case ${sql.join(whens, sql` `)} else ${'over7d' satisfies ResolutionBand} end`;
};

const resolutionDistribution = async (db: Db, kind: DatabaseKind, query: StatsQuery): Promise<StatsSummaryResponse['resolutionTimeDistribution']> => {
  // PostgreSQL cannot infer a type for a bare parameter in a select list; say it is text.
  const band = kind === 'postgres' ? sql`cast(${bandCase()} as text)` : bandCase();
  const { rows } = await sql<{ band: ResolutionBand; n: number }>`
    select b.band as band, count(*) as n
    from (select ${band} as band from ticket_facts f where ${resolvedWhere(query.period, query.filters)}) b
    group by b.band`.execute(db);
  const counts = new Map(rows.map((r) => [r.band, Number(r.n)]));
  return RESOLUTION_BANDS.map((b) => ({ band: b.id, count: counts.get(b.id) ?? 0 }));
};

const querySummaryIn = async (db: Db, kind: DatabaseKind, query: StatsQuery): Promise<StatsSummaryResponse> => {
  const previous = previousPeriod(query.period);
  const [current, before, breaching, byPriority, distribution, tiers] = await Promise.all([
    summaryFor(db, query, query.period),
    summaryFor(db, query, previous),
    countBreachingNow(db, query.filters, query.options.now),
    resolutionByPriority(db, query),
    resolutionDistribution(db, kind, query),
    queryTiers(db, kind, query),
  ]);
  return {
    ...current,
    period: query.period,
    previous: { ...before, period: previous },
    breachingNow: breaching,
    resolutionByPriority: byPriority,
    resolutionTimeDistribution: distribution,
    tiers,
  };
};

/** GET /api/stats/summary: the headline figures, the previous period, SLA now, by priority, distribution and tiers. */
export const querySummary = (db: Db, kind: DatabaseKind, query: StatsQuery): Promise<StatsSummaryResponse> =>
  inStatsSnapshot(db, kind, (snapshot) => querySummaryIn(snapshot, kind, query));
