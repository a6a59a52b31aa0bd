import type { DatabaseKind } from '../config';
import type { Db } from '../db/connect';
import type { StatsSummaryResponse } from '../../shared/stats/api';
import type { ResolutionByPriorityRow, StatsSummary } from '../../shared/stats/metrics';
import { rate } from '../../shared/stats/percentile';
import { comparisonPeriod } from '../../shared/stats/comparison';
import type { StatsQuery } from '../../shared/stats/selection';
import { PRIORITIES } from '../../shared/domain/ticket';
import { resolvedFigures, type ResolvedFigures } from './resolvedFigures';
import { openedFigures, type OpenedFigures } from './openedFigures';
import { inStatsSnapshot } from './snapshot';
import { countBreachingNow } from './backlogQueries';
import { callerFigures } from './callerQueries';
import type { CallerFigures } from '../../shared/stats/callerWord';

const summaryOf = (resolved: ResolvedFigures, opened: OpenedFigures, callers: CallerFigures): StatsSummary => ({
  opened: opened.opened,
  resolved: resolved.resolved,
  reopenRate: rate(resolved.reopened, resolved.resolved),
  repeatContactRate: rate(resolved.repeated, resolved.resolved),
  firstContactResolutionRate: rate(resolved.firstContact, resolved.resolved),
  escalationRate: rate(opened.escalated, opened.opened),
  medianResolutionHours: resolved.medianHours,
  p90ResolutionHours: resolved.p90Hours,
  slaAttainment: rate(resolved.met, resolved.resolved),
  ...callers,
});

const querySummaryIn = async (db: Db, kind: DatabaseKind, query: StatsQuery): Promise<StatsSummaryResponse> => {
  const { previous, unit, isSoFar } = comparisonPeriod(query.period, query.options.now);
  const [resolved, opened, breaching, callers, previousCallers] = await Promise.all([
    resolvedFigures(db, kind, query.period, previous, query.filters, query.options),
    openedFigures(db, kind, query.period, previous, query.filters, query.options.now),
    countBreachingNow(db, query.filters, query.options.now),
    callerFigures(db, query.period, query.filters),
    callerFigures(db, previous, query.filters),
  ]);
  // Most urgent first, as the reference lists them.
  const byPriority = [...PRIORITIES].reverse().map((priority): ResolutionByPriorityRow => {
    const p = resolved.byPriority.get(priority);
    return { priority, resolved: p?.resolved ?? 0, medianHours: p?.medianHours ?? null, p90Hours: p?.p90Hours ?? null };
  });
  return {
    ...summaryOf(resolved.current, opened.current, callers),
    period: query.period,
    previous: { ...summaryOf(resolved.previous, opened.previous, previousCallers), period: previous },
    comparison: { unit, isSoFar },
    breachingNow: breaching,
    resolutionByPriority: byPriority,
    resolutionTimeDistribution: resolved.distribution,
    tiers: opened.tiers,
  };
};

/** GET /api/stats/summary: the headline figures, the previous period, SLA now, by priority, distribution and tiers. */
export const querySummary = (db: Db, kind: DatabaseKind, query: StatsQuery): Promise<StatsSummaryResponse> =>
  inStatsSnapshot(db, kind, (snapshot) => querySummaryIn(snapshot, kind, query));
