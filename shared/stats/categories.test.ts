import { describe, expect, it } from 'vitest';
import { makeTicket } from '../../tests/support/factories';
import { computeCategoryTrends, leastSquaresSlope } from './categories';
import { hoursAfter, historyOf, playStory } from './story.testkit';

const MONDAY = '2026-03-02T00:00:00.000Z';
const FOUR_WEEKS = { from: MONDAY, to: '2026-03-30T00:00:00.000Z' };
const NOW = FOUR_WEEKS.to;

/** `counts[w]` tickets in `category` on the Tuesday of week w after MONDAY. */
const weekly = (category: string, counts: number[]) =>
  counts.flatMap((n, week) =>
    Array.from({ length: n }, (_, i) =>
      playStory(makeTicket({ id: `${category}-${week}-${i}`, category, createdAt: hoursAfter(MONDAY, week * 168 + 24 + i) }), []),
    ),
  );

describe('least-squares slope', () => {
  it('is the ordinary least-squares slope over x = 0..n-1', () => {
    // x̄ = 1.5, ȳ = 2.75; Σ(x−x̄)(y−ȳ) = 2.625 + 0.375 + 0.125 + 3.375 = 6.5; Σ(x−x̄)² = 5.
    expect(leastSquaresSlope([1, 2, 3, 5])).toBeCloseTo(1.3, 12);
    expect(leastSquaresSlope([4, 4, 4])).toBe(0);
    expect(leastSquaresSlope([3])).toBeNull();
  });
});

describe('weekly trends and training topics', () => {
  const history = historyOf([
    ...weekly('network', [1, 2, 3, 5]), // slope 1.3, 11 tickets: rising
    ...weekly('email', [0, 0, 1, 2]), // slope 0.7 but 3 tickets: too few
    ...weekly('printing', [5, 4, 3, 2]), // falling
    ...weekly('access', [2, 3, 3, 3]), // slope 0.3, 11 tickets: rising
    ...weekly('software', [3, 3, 3, 3]), // flat
  ]);

  it('counts tickets per category per ISO week and flags the steepest rising ones with enough volume', () => {
    const trends = computeCategoryTrends(history, { period: FOUR_WEEKS, filters: {}, options: { now: NOW } });
    expect(trends.weeks).toEqual(['2026-03-02T00:00:00.000Z', '2026-03-09T00:00:00.000Z', '2026-03-16T00:00:00.000Z', '2026-03-23T00:00:00.000Z']);
    expect(trends.rows.map((r) => [r.category, r.total, r.counts, r.isTrainingTopic])).toEqual([
      ['printing', 14, [5, 4, 3, 2], false],
      ['software', 12, [3, 3, 3, 3], false],
      ['access', 11, [2, 3, 3, 3], true],
      ['network', 11, [1, 2, 3, 5], true],
      ['email', 3, [0, 0, 1, 2], false],
    ]);
  });

  it('keeps only the top ones and honours the volume threshold', () => {
    const topTwo = computeCategoryTrends(history, { period: FOUR_WEEKS, filters: {}, options: { now: NOW } }, { minWeeks: 4, minTickets: 3, top: 2 });
    // With 3 tickets enough, email (0.7) outranks access (0.3).
    expect(topTwo.rows.filter((r) => r.isTrainingTopic).map((r) => r.category)).toEqual(['network', 'email']);
  });

  it('judges no trend on too few whole weeks, and leaves partial edge weeks out of the slope', () => {
    // From Wednesday of the first week: weeks 2..4 are whole (3 < 4), so nothing is judged.
    const lateStart = { from: '2026-03-04T00:00:00.000Z', to: FOUR_WEEKS.to };
    const short = computeCategoryTrends(history, { period: lateStart, filters: {}, options: { now: NOW } });
    expect(short.rows.every((r) => r.slope === null && !r.isTrainingTopic)).toBe(true);
    // With 3 whole weeks allowed: network's partial first week (its Tuesday ticket is outside anyway) is left out: 2, 3, 5 -> slope 1.5.
    const judged = computeCategoryTrends(history, { period: lateStart, filters: {}, options: { now: NOW } }, { minWeeks: 3, minTickets: 10, top: 3 });
    expect(judged.rows.find((r) => r.category === 'network')).toMatchObject({ counts: [0, 2, 3, 5], slope: 1.5, isTrainingTopic: true });
  });
});

describe('daily counts of a short period', () => {
  const history = historyOf([...weekly('network', [1, 2, 3, 5]), ...weekly('email', [0, 0, 1, 2])]);

  it('counts a week per day, Monday to Sunday, beside the one weekly count', () => {
    const week = { from: '2026-03-23T00:00:00.000Z', to: '2026-03-30T00:00:00.000Z' };
    const trends = computeCategoryTrends(history, { period: week, filters: {}, options: { now: NOW } });
    expect(trends.days).toHaveLength(7);
    expect(trends.days[0]).toBe(week.from);
    // Week 3's five network tickets are on its Tuesday, one hour apart.
    expect(trends.rows.find((r) => r.category === 'network')).toMatchObject({ counts: [5], dailyCounts: [0, 5, 0, 0, 0, 0, 0] });
    expect(trends.rows.find((r) => r.category === 'email')).toMatchObject({ counts: [2], dailyCounts: [0, 2, 0, 0, 0, 0, 0] });
  });

  it('counts a month per day, and anything longer per week only', () => {
    const month = computeCategoryTrends(history, {
      period: { from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' },
      filters: {},
      options: { now: NOW },
    });
    expect(month.days).toHaveLength(31);
    expect(month.rows.find((r) => r.category === 'network')?.dailyCounts.reduce((a, b) => a + b, 0)).toBe(11);
    const longer = computeCategoryTrends(history, {
      period: { from: '2026-03-01T00:00:00.000Z', to: '2026-04-02T00:00:00.000Z' },
      filters: {},
      options: { now: NOW },
    });
    expect(longer.days).toEqual([]);
    expect(longer.rows.every((r) => r.dailyCounts.length === 0)).toBe(true);
  });
});
