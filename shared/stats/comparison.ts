import { DAY_MS, isoWeekStart, WEEK_MS, type Period } from './period';

/**
 * What a period is, for comparing it with the one before: a whole ISO week, calendar month,
 * quarter or year (UTC), or any other stretch of time (`period`).
 */
export type ComparisonUnit = 'week' | 'month' | 'quarter' | 'year' | 'period';

/**
 * The period a headline figure is compared with. `isSoFar`: `now` falls inside the period, so
 * only its elapsed part can have happened, and `previous` is the same elapsed part of the period
 * before (docs/METRICS.md, "Change from the previous period").
 */
export type Comparison = { unit: ComparisonUnit; isSoFar: boolean; previous: Period };

const MONTHS_OF = { month: 1, quarter: 3, year: 12 } as const;

const iso = (time: number): string => new Date(time).toISOString();

/** Midnight UTC on the first of a month, as Date.UTC numbers it (month 0-based, may run past 11). */
const monthStart = (year: number, month: number): number => Date.UTC(year, month, 1);

/**
 * The same day of the month and time of day, `months` earlier. A day the earlier month lacks
 * (31 March one month back) is the end of that month: the first instant of the month after it.
 */
const monthsBefore = (time: number, months: number): number => {
  const t = new Date(time);
  const year = t.getUTCFullYear();
  const month = t.getUTCMonth() - months;
  const shifted = Date.UTC(year, month, t.getUTCDate(), t.getUTCHours(), t.getUTCMinutes(), t.getUTCSeconds(), t.getUTCMilliseconds());
  const nextMonth = monthStart(year, month + 1);
  return Math.min(shifted, nextMonth);
};

const isMonthStart = (time: number): boolean => {
  const t = new Date(time);
  return t.getUTCDate() === 1 && time % DAY_MS === 0;
};

/** Which calendar unit the period is exactly, if any. */
export const comparisonUnit = (period: Period): ComparisonUnit => {
  const from = Date.parse(period.from);
  const to = Date.parse(period.to);
  if (Date.parse(isoWeekStart(from)) === from && to - from === WEEK_MS) return 'week';
  if (!isMonthStart(from)) return 'period';
  const month = new Date(from).getUTCMonth();
  for (const unit of ['month', 'quarter', 'year'] as const) {
    const isAligned = unit === 'month' || (unit === 'quarter' ? month % 3 === 0 : month === 0);
    if (isAligned && monthStart(new Date(from).getUTCFullYear(), month + MONTHS_OF[unit]) === to) return unit;
  }
  return 'period';
};

/** The instant one unit before `time`: 7 days for a week, the same calendar point for months, the period's length otherwise. */
const unitBefore = (unit: ComparisonUnit, time: number, length: number): number => {
  if (unit === 'week') return time - WEEK_MS;
  if (unit === 'period') return time - length;
  return monthsBefore(time, MONTHS_OF[unit]);
};

/**
 * The period to compare with. A period that has not ended yet is compared with the same elapsed
 * part of the one before: this week so far (Monday 00:00 to now) with last week from Monday 00:00
 * to the same weekday and time; this month so far with last month up to the same day and time;
 * any other period with the period of the same length before it, up to the same time into it.
 * A period that is over (or not begun) is compared with the whole one before: the previous
 * calendar week, month, quarter or year, or the same length just before.
 */
export const comparisonPeriod = (period: Period, now: string): Comparison => {
  const from = Date.parse(period.from);
  const to = Date.parse(period.to);
  const at = Date.parse(now);
  const unit = comparisonUnit(period);
  const previousFrom = unitBefore(unit, from, to - from);
  const isSoFar = at > from && at < to;
  // The same point one unit back never passes the previous period's end, which is this one's start.
  const previousTo = isSoFar ? Math.min(unitBefore(unit, at, to - from), from) : from;
  return { unit, isSoFar, previous: { from: iso(previousFrom), to: iso(previousTo) } };
};
