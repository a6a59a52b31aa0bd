import type { DatabaseKind } from '../config';
import type { Db } from '../db/connect';
import type { StatsSummaryResponse } from '../../shared/stats/api';
import type { ResolutionByPriorityRow, StatsSummary } from '../../shared/stats/metrics';
import { rate } from '../../shared/stats/percentile';
import { comparisonPeriod } from '../../shared/stats/comparison';
import type { Period } from '../../shared/stats/period';
import type { StatsFilters, StatsQuery } from '../../shared/stats/selection';
import { PRIORITIES } from '../../shared/domain/ticket';
import { resolvedFigures, type ResolvedFigures } from './resolvedFigures';
import { openedFigures, type OpenedFigures } from './openedFigures';
import { inStatsSnapshot } from './snapshot';
import { countBreachingNow } from './backlogQueries';
import { callerFigures } from './callerQueries';
import type { CallerFigures } from '../../shared/stats/callerWord';
import type { ArticleFigures, SelfHelpFigures } from '../../shared/stats/knowledge';
import { articleFigures, mostUsedArticles, selfHelpFigures } from './knowledgeQueries';

const summaryOf = (resolved: ResolvedFigures, opened: OpenedFigures, callers: CallerFigures, knowledge: ArticleFigures & SelfHelpFigures): StatsSummary => ({
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
  ...knowledge,
});

const knowledgeFigures = async (db: Db, period: Period, filters: StatsFilters): Promise<ArticleFigures & SelfHelpFigures> => ({
  ...(await articleFigures(db, period, filters)),
  ...(await selfHelpFigures(db, period)),
});

const querySummaryIn = async (db: Db, kind: DatabaseKind, query: StatsQuery): Promise<StatsSummaryResponse> => {
  const { previous, unit, isSoFar } = comparisonPeriod(query.period, query.options.now);
  const [resolved, opened, breaching, callers, previousCallers, knowledge, previousKnowledge, mostUsed] = await Promise.all([
    resolvedFigures(db, kind, query.period, previous, query.filters, query.options),
    openedFigures(db, kind, query.period, previous, query.filters, query.options.now),
    countBreachingNow(db, query.filters, query.options.now),
    callerFigures(db, query.period, query.filters),
    callerFigures(db, previous, query.filters),
    knowledgeFigures(db, query.period, query.filters),
    knowledgeFigures(db, previous, query.filters),
    mostUsedArticles(db, kind, query.period, query.filters),
  ]);
  // Most urgent first, as the reference lists them.
  const byPriority = [...PRIORITIES].reverse().map((priority): ResolutionByPriorityRow => {
    const p = resolved.byPriority.get(priority);
    return { priority, resolved: p?.resolved ?? 0, medianHours: p?.medianHours ?? null, p90Hours: p?.p90Hours ?? null };
  });
  return {
    ...summaryOf(resolved.current, opened.current, callers, knowledge),
    period: query.period,
    previous: { ...summaryOf(resolved.previous, opened.previous, previousCallers, previousKnowledge), period: previous },
    comparison: { unit, isSoFar },
    breachingNow: breaching,
    resolutionByPriority: byPriority,
    resolutionTimeDistribution: resolved.distribution,
    tiers: opened.tiers,
    mostUsedArticles: mostUsed,
  };
};

/** GET /api/stats/summary: the headline figures, the previous period, SLA now, by priority, distribution and tiers. */
export const querySummary = (db: Db, kind: DatabaseKind, query: StatsQuery): Promise<StatsSummaryResponse> =>
  inStatsSnapshot(db, kind, (snapshot) => querySummaryIn(snapshot, kind, query));
