import { DAY_MS, isoWeekStart } from '../../shared/stats/period';

/** The periods the panel offers; `custom` uses the two date inputs. */
export const PERIOD_PRESETS = ['thisWeek', 'thisMonth', 'thisQuarter', 'thisYear', 'last30Days', 'custom'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

/** A period as the server takes it: bare dates are 00:00 UTC, `to` excluded. */
export type DatePeriod = { from: string; to: string };

const dateOf = (time: number): string => new Date(time).toISOString().slice(0, 10);
const startOfDay = (time: number): number => Math.floor(time / DAY_MS) * DAY_MS;

const MONTHS = { thisMonth: 1, thisQuarter: 3, thisYear: 12 } as const;

/**
 * This ISO week (Monday 00:00 UTC to the next Monday, docs/METRICS.md), this calendar month,
 * quarter or year (UTC), or the 30 days ending with today. Whole calendar units, so the server
 * compares them with the same point of the unit before (shared/stats/comparison.ts).
 */
export const presetPeriod = (preset: Exclude<PeriodPreset, 'custom'>, now: number): DatePeriod => {
  if (preset === 'thisWeek') {
    const monday = Date.parse(isoWeekStart(now));
    return { from: dateOf(monday), to: dateOf(monday + 7 * DAY_MS) };
  }
  if (preset === 'last30Days') {
    const tomorrow = startOfDay(now) + DAY_MS;
    return { from: dateOf(tomorrow - 30 * DAY_MS), to: dateOf(tomorrow) };
  }
  const today = new Date(now);
  const months = MONTHS[preset];
  // Months 0..11 counted from January; a quarter or a year starts on a multiple of its length.
  const first = today.getUTCMonth() - (today.getUTCMonth() % months);
  return { from: dateOf(Date.UTC(today.getUTCFullYear(), first, 1)), to: dateOf(Date.UTC(today.getUTCFullYear(), first + months, 1)) };
};

export type CustomPeriodCheck = { ok: true; period: DatePeriod } | { ok: false; reason: 'missing' | 'order' };

/**
 * The custom inputs are inclusive calendar days ("1 to 7 March"), as people read them; the
 * server's `to` is excluded, so it becomes the day after.
 */
export const customPeriod = (fromDate: string, toDate: string): CustomPeriodCheck => {
  const from = Date.parse(fromDate);
  const to = Date.parse(toDate);
  if (fromDate === '' || toDate === '' || Number.isNaN(from) || Number.isNaN(to)) return { ok: false, reason: 'missing' };
  if (from >= to) return { ok: false, reason: 'order' };
  return { ok: true, period: { from: dateOf(from), to: dateOf(to + DAY_MS) } };
};
