import { DAY_MS, isoWeekStart } from '../../shared/stats/period';

/** The periods the panel offers; `custom` uses the two date inputs. */
export type PeriodPreset = 'thisWeek' | 'last30Days' | 'custom';

/** A period as the server takes it: bare dates are 00:00 UTC, `to` excluded. */
export type DatePeriod = { from: string; to: string };

const dateOf = (time: number): string => new Date(time).toISOString().slice(0, 10);
const startOfDay = (time: number): number => Math.floor(time / DAY_MS) * DAY_MS;

/** The week so far (Monday 00:00 UTC up to the end of today) or the 30 days ending with today. */
export const presetPeriod = (preset: Exclude<PeriodPreset, 'custom'>, now: number): DatePeriod => {
  const tomorrow = startOfDay(now) + DAY_MS;
  const from = preset === 'thisWeek' ? Date.parse(isoWeekStart(now)) : tomorrow - 30 * DAY_MS;
  return { from: dateOf(from), to: dateOf(tomorrow) };
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
