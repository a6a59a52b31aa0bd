import { computeBacklog, type Backlog } from './backlog';
import { computeCategoryTrends, DEFAULT_TRAINING_TOPIC_RULE, type CategoryTrends, type TrainingTopicRule } from './categories';
import {
  computeResolutionByPriority,
  computeSla,
  computeSummary,
  computeTechnicians,
  type ResolutionByPriorityRow,
  type SlaReport,
  type StatsSummary,
  type TechnicianRow,
} from './metrics';
import { computeProblems, type ProblemsReport } from './problems';
import { computeRemoteTime, type RemoteTimeReport } from './remoteTime';
import type { StatsQuery } from './selection';
import { ticketFacts, type History } from './ticketFacts';
import { computeTiers, type TierRow } from './tiers';

/** Every figure of docs/METRICS.md for one query: what the server's SQL must reproduce. */
export type StatsReport = {
  summary: StatsSummary;
  technicians: { rows: TechnicianRow[] };
  categories: CategoryTrends;
  backlog: Backlog;
  tiers: TierRow[];
  resolutionByPriority: ResolutionByPriorityRow[];
  sla: SlaReport;
  remoteTime: RemoteTimeReport;
  problems: ProblemsReport;
};

export const computeStatsReport = (history: History, query: StatsQuery, rule: TrainingTopicRule = DEFAULT_TRAINING_TOPIC_RULE): StatsReport => {
  const facts = ticketFacts(history);
  return {
    summary: computeSummary(history, query, facts),
    technicians: computeTechnicians(history, query, facts),
    categories: computeCategoryTrends(history, query, rule, facts),
    backlog: computeBacklog(history, query.filters, query.options.now, facts),
    tiers: computeTiers(history, query, facts),
    resolutionByPriority: computeResolutionByPriority(history, query, facts),
    sla: computeSla(history, query, facts),
    remoteTime: computeRemoteTime(history, query, facts),
    problems: computeProblems(history, query, facts),
  };
};
