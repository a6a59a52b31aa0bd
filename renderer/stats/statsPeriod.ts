import { DAY_MS, isoWeekStart } from '../../shared/stats/period';

/** The periods the panel offers; `custom` uses the two date inputs. */
export type PeriodPreset = 'thisWeek' | 'last30Days' | 'custom';

/** A period as the server takes it: bare dates are 00:00 UTC, `to` excluded. */
export type DatePeriod = { from: string; to: string };

const dateOf = (time: number): string => new Date(time).toISOString().slice(0, 10);
const startOfDay = (time: number): number => Math.floor(time / DAY_MS) * DAY_MS;

/** This ISO week (Monday 00:00 UTC to the next Monday, docs/METRICS.md) or the 30 days ending with today. */
export const presetPeriod = (preset: Exclude<PeriodPreset, 'custom'>, now: number): DatePeriod => {
  if (preset === 'thisWeek') {
    const monday = Date.parse(isoWeekStart(now));
    return { from: dateOf(monday), to: dateOf(monday + 7 * DAY_MS) };
  }
  const tomorrow = startOfDay(now) + DAY_MS;
  return { from: dateOf(tomorrow - 30 * DAY_MS), to: dateOf(tomorrow) };
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
