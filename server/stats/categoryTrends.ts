import { leastSquaresSlope, type CategoryRow, type TrainingTopicRule } from '../../shared/stats/categories';

/**
 * The slope and training-topic step of computeCategoryTrends (shared/stats/categories.ts) over
 * counts already aggregated per category and week: a few numbers per category, so plain
 * TypeScript. `whole[i]` says whether week i lies wholly inside the period.
 */
export const trendsFromWeeklyCounts = (counts: ReadonlyMap<string, number[]>, whole: readonly boolean[], rule: TrainingTopicRule): CategoryRow[] => {
  const judged = whole.filter(Boolean).length >= rule.minWeeks;
  const rows = [...counts].map(([category, row]): CategoryRow => ({
    category,
    total: row.reduce((a, b) => a + b, 0),
    counts: row,
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
