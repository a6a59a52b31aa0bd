import { fail, ok, type Result } from '../result';

/**
 * A half-open interval of time [from, to): `from` belongs to it, `to` does not, so adjacent
 * periods never count the same instant twice. Both are ISO 8601 UTC strings (normalised by
 * `parsePeriod` to `toISOString()` form), and `from` is strictly before `to`.
 */
export type Period = { from: string; to: string };

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;

// An ISO 8601 date or date-time; a time needs an explicit zone so no one reads it in local time.
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

const parseInstant = (text: string): number | null => {
  if (!ISO_8601.test(text)) return null;
  // Date.parse rolls 30 February over into March; refuse days the month does not have.
  const [year, month, day] = text.slice(0, 10).split('-').map(Number);
  const calendar = new Date(Date.UTC(year ?? 0, (month ?? 0) - 1, day ?? 0));
  if (calendar.getUTCMonth() + 1 !== month || calendar.getUTCDate() !== day) return null;
  const time = Date.parse(text);
  return Number.isNaN(time) ? null : time;
};

/** Checks a requested period; a bare date means 00:00 UTC of that day. */
export const parsePeriod = (from: string, to: string): Result<Period> => {
  const start = parseInstant(from);
  const end = parseInstant(to);
  if (start === null) return fail('invalid_args', `"from" is not an ISO 8601 date or date-time with a zone: ${from}`);
  if (end === null) return fail('invalid_args', `"to" is not an ISO 8601 date or date-time with a zone: ${to}`);
  if (start >= end) return fail('invalid_args', '"from" must be before "to".');
  return ok({ from: new Date(start).toISOString(), to: new Date(end).toISOString() });
};

/** Whether `time` falls in [from, to). */
export const isInPeriod = (time: string, period: Period): boolean => {
  const t = Date.parse(time);
  return t >= Date.parse(period.from) && t < Date.parse(period.to);
};

/** Monday 00:00 UTC of the ISO week that contains `time`. */
export const isoWeekStart = (time: string | number): string => {
  const t = typeof time === 'number' ? time : Date.parse(time);
  const midnight = Math.floor(t / DAY_MS) * DAY_MS;
  // getUTCDay: Sunday 0 .. Saturday 6; ISO weeks start on Monday.
  const daysSinceMonday = (new Date(midnight).getUTCDay() + 6) % 7;
  return new Date(midnight - daysSinceMonday * DAY_MS).toISOString();
};

/** The ISO week's name, e.g. `2026-W10` (the week-numbering year can differ from the calendar year). */
export const isoWeekLabel = (weekStart: string): string => {
  // The ISO week belongs to the year of its Thursday.
  const thursday = new Date(Date.parse(weekStart) + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const firstThursday = Date.parse(isoWeekStart(Date.UTC(year, 0, 4))) + 3 * DAY_MS;
  const week = Math.round((thursday.getTime() - firstThursday) / WEEK_MS) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
};

/** Starts of the ISO weeks that overlap [from, to), oldest first. */
export const isoWeeksOf = (period: Period): string[] => {
  const last = Date.parse(isoWeekStart(Date.parse(period.to) - 1));
  const weeks: string[] = [];
  for (let w = Date.parse(isoWeekStart(period.from)); w <= last; w += WEEK_MS) weeks.push(new Date(w).toISOString());
  return weeks;
};

/** A period this long or shorter is also counted per day (the charts of a week or a month draw a point a day). */
export const DAILY_MAX_DAYS = 31;

/** Midnight UTC of the days that overlap [from, to), oldest first; none for a period longer than DAILY_MAX_DAYS. */
export const utcDaysOf = (period: Period): string[] => {
  const first = Math.floor(Date.parse(period.from) / DAY_MS) * DAY_MS;
  const last = Math.floor((Date.parse(period.to) - 1) / DAY_MS) * DAY_MS;
  if ((last - first) / DAY_MS + 1 > DAILY_MAX_DAYS) return [];
  const days: string[] = [];
  for (let d = first; d <= last; d += DAY_MS) days.push(new Date(d).toISOString());
  return days;
};

/** Whether the whole ISO week starting at `weekStart` lies inside the period. */
export const isWholeWeekIn = (weekStart: string, period: Period): boolean => {
  const start = Date.parse(weekStart);
  return start >= Date.parse(period.from) && start + WEEK_MS <= Date.parse(period.to);
};
