import { DAY_MS, isoWeekStart, isoWeeksOf, isWholeWeekIn, utcDaysOf } from './period';
import { openedIn, type StatsQuery } from './selection';
import { ticketFacts, type History } from './ticketFacts';
import { computeTopRequesters, type TopRequester } from './topRequesters';

/** When a category counts as rising fast enough to train people on. */
export type TrainingTopicRule = {
  /** Whole ISO weeks the period must contain before any trend is judged. */
  minWeeks: number;
  /** Tickets the category must have in those whole weeks (a rise from 0 to 2 is noise). */
  minTickets: number;
  /** How many categories to flag at most. */
  top: number;
};

export const DEFAULT_TRAINING_TOPIC_RULE: TrainingTopicRule = { minWeeks: 4, minTickets: 10, top: 3 };

export type CategoryRow = {
  category: string;
  total: number;
  /** Tickets opened in each week of `weeks` (edge weeks count only the part inside the period). */
  counts: number[];
  /** Tickets opened on each day of `days` (edge days count only the part inside the period); empty when `days` is. */
  dailyCounts: number[];
  /** Least-squares slope of the whole weeks' counts, in tickets per week per week; null if too few weeks. */
  slope: number | null;
  isTrainingTopic: boolean;
};

/** `days`: midnight UTC of each day overlapping a period of at most DAILY_MAX_DAYS days, else none. */
export type CategoryTrends = {
  weeks: string[];
  days: string[];
  rows: CategoryRow[];
  /** For each training topic, in the rows' order, the requesters to suggest for a class on it (shared/stats/topRequesters.ts). */
  topRequesters: TopRequester[];
};

/**
 * Slope of y over x = 0, 1, …, n−1 by ordinary least squares:
 * Σ (x − x̄)(y − ȳ) / Σ (x − x̄)². Null for fewer than two points.
 */
export const leastSquaresSlope = (ys: readonly number[]): number | null => {
  const n = ys.length;
  if (n < 2) return null;
  const meanX = (n - 1) / 2;
  const meanY = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  ys.forEach((y, x) => {
    num += (x - meanX) * (y - meanY);
    den += (x - meanX) ** 2;
  });
  return num / den;
};

/**
 * Tickets opened per category per ISO week (Monday 00:00 UTC). A category is a training topic
 * when the period holds at least `minWeeks` whole weeks, the category has at least `minTickets`
 * tickets in them, the slope of its whole-week counts is above 0, and it is among the `top`
 * steepest (ties: more tickets first, then name). Partial weeks at the edges are left out of
 * the slope so a period starting mid-week does not fake a rise.
 */
export const computeCategoryTrends = (
  history: History,
  query: StatsQuery,
  rule: TrainingTopicRule = DEFAULT_TRAINING_TOPIC_RULE,
  facts = ticketFacts(history),
): CategoryTrends => {
  const weeks = isoWeeksOf(query.period);
  const days = utcDaysOf(query.period);
  const whole = weeks.map((w) => isWholeWeekIn(w, query.period));
  const counts = new Map<string, number[]>();
  const daily = new Map<string, number[]>();
  const add = (into: Map<string, number[]>, category: string, length: number, index: number) => {
    const row = into.get(category) ?? Array.from({ length }, () => 0);
    row[index] = (row[index] ?? 0) + 1;
    into.set(category, row);
  };
  for (const f of openedIn(facts.values(), query.period, query.filters)) {
    add(counts, f.ticket.category, weeks.length, weeks.indexOf(isoWeekStart(f.ticket.createdAt)));
    if (days.length > 0)
      add(daily, f.ticket.category, days.length, days.indexOf(new Date(Math.floor(Date.parse(f.ticket.createdAt) / DAY_MS) * DAY_MS).toISOString()));
  }
  const rows = trendsFromWeeklyCounts(counts, whole, rule, daily);
  const topics = rows.filter((r) => r.isTrainingTopic).map((r) => r.category);
  return { weeks, days, rows, topRequesters: computeTopRequesters(facts.values(), query, topics) };
};

/**
 * The slope and training-topic step over counts already aggregated per category and week (the
 * server's SQL hands over the same counts). `whole[i]` says whether week i lies wholly inside the
 * period; `daily` holds each category's counts per day when the period is counted per day.
 */
export const trendsFromWeeklyCounts = (
  counts: ReadonlyMap<string, number[]>,
  whole: readonly boolean[],
  rule: TrainingTopicRule,
  daily: ReadonlyMap<string, number[]> = new Map(),
): CategoryRow[] => {
  const judged = whole.filter(Boolean).length >= rule.minWeeks;
  const rows = [...counts].map(([category, row]): CategoryRow => ({
    category,
    total: row.reduce((a, b) => a + b, 0),
    counts: row,
    dailyCounts: daily.get(category) ?? [],
    slope: judged ? leastSquaresSlope(row.filter((_, i) => whole[i] === true)) : null,
    isTrainingTopic: false,
  }));
  const wholeTotal = (r: CategoryRow): number => r.counts.reduce((sum, c, i) => sum + (whole[i] === true ? c : 0), 0);
  const candidates = rows
    .filter((r) => r.slope !== null && r.slope > 0 && wholeTotal(r) >= rule.minTickets)
    .sort((a, b) => (b.slope ?? 0) - (a.slope ?? 0) || wholeTotal(b) - wholeTotal(a) || (a.category < b.category ? -1 : 1))
    .slice(0, rule.top);
  for (const c of candidates) c.isTrainingTopic = true;
  return rows.sort((a, b) => b.total - a.total || (a.category < b.category ? -1 : 1));
};
