import { sql } from 'kysely';
import type { DatabaseKind } from '../config';
import type { Db } from '../db/connect';
import type { StatsSummaryResponse } from '../../shared/stats/api';
import type { ResolutionByPriorityRow, StatsSummary } from '../../shared/stats/metrics';
import { rate } from '../../shared/stats/percentile';
import { previousPeriod, type Period } from '../../shared/stats/period';
import type { StatsFilters, StatsQuery } from '../../shared/stats/selection';
import { PRIORITIES } from '../../shared/domain/ticket';
import { resolutionPercentiles } from './percentiles';
import { resolvedFigures, type ResolvedFigures } from './resolvedFigures';
import { inStatsSnapshot } from './snapshot';
import { boundsOf, countWhere, inPeriod, matchesFilters } from './sqlParts';
import { countBreachingNow } from './backlogQueries';
import { queryTiers } from './tierQueries';

/** Tickets resolved in the period (last resolution in [from, to), served by ticket_facts_resolved); technician = credited. */
const resolvedWhere = (period: Period, filters: StatsFilters) => sql`${inPeriod('f.resolved_at', boundsOf(period))} and ${matchesFilters(filters, 'f.credited_to')}`;

/** Tickets created in the period (served by ticket_facts_created); technician = current assignee. */
export const openedWhere = (period: Period, filters: StatsFilters) => sql`${inPeriod('f.created_at', boundsOf(period))} and ${matchesFilters(filters, 'f.assignee_id')}`;

const openedCounts = async (db: Db, period: Period, filters: StatsFilters): Promise<{ opened: number; escalated: number }> => {
  const { rows } = await sql<{ opened: number; escalated: number }>`
    select count(*) as opened, ${countWhere(sql`f.is_escalated = 1`)} as escalated
    from ticket_facts f where ${openedWhere(period, filters)}`.execute(db);
  return { opened: Number(rows[0]?.opened ?? 0), escalated: Number(rows[0]?.escalated ?? 0) };
};

const summaryFor = async (db: Db, query: StatsQuery, period: Period): Promise<{ summary: StatsSummary; distribution: ResolvedFigures['distribution'] }> => {
  const [resolved, opened] = await Promise.all([resolvedFigures(db, resolvedWhere(period, query.filters), query.options), openedCounts(db, period, query.filters)]);
  const summary: StatsSummary = {
    opened: opened.opened,
    resolved: resolved.resolved,
    reopenRate: rate(resolved.reopened, resolved.resolved),
    repeatContactRate: rate(resolved.repeated, resolved.resolved),
    firstContactResolutionRate: rate(resolved.firstContact, resolved.resolved),
    escalationRate: rate(opened.escalated, opened.opened),
    medianResolutionHours: resolved.medianHours,
    p90ResolutionHours: resolved.p90Hours,
    slaAttainment: rate(resolved.met, resolved.resolved),
  };
  return { summary, distribution: resolved.distribution };
};

const resolutionByPriority = async (db: Db, query: StatsQuery): Promise<ResolutionByPriorityRow[]> => {
  const byPriority = await resolutionPercentiles(db, resolvedWhere(query.period, query.filters), 'f.priority');
  return [...PRIORITIES].reverse().map((priority) => {
    const p = byPriority.get(priority);
    return { priority, resolved: p?.resolved ?? 0, medianHours: p?.medianHours ?? null, p90Hours: p?.p90Hours ?? null };
  });
};

const querySummaryIn = async (db: Db, kind: DatabaseKind, query: StatsQuery): Promise<StatsSummaryResponse> => {
  const previous = previousPeriod(query.period);
  const [current, before, breaching, byPriority, tiers] = await Promise.all([
    summaryFor(db, query, query.period),
    summaryFor(db, query, previous),
    countBreachingNow(db, query.filters, query.options.now),
    resolutionByPriority(db, query),
    queryTiers(db, kind, query),
  ]);
  return {
    ...current.summary,
    period: query.period,
    previous: { ...before.summary, period: previous },
    breachingNow: breaching,
    resolutionByPriority: byPriority,
    resolutionTimeDistribution: current.distribution,
    tiers,
  };
};

/** GET /api/stats/summary: the headline figures, the previous period, SLA now, by priority, distribution and tiers. */
export const querySummary = (db: Db, kind: DatabaseKind, query: StatsQuery): Promise<StatsSummaryResponse> =>
  inStatsSnapshot(db, kind, (snapshot) => querySummaryIn(snapshot, kind, query));
