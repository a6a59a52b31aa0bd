import { formatDate, formatDateTime, formatWeekdayAndDay } from '../../shared/format/dates';
import { formatNumber } from '../../shared/format/numbers';
import type { HeadlineKind } from './headlineChange';

/** A figure in the viewer's language: counts whole, rates as percentages, hours and scores with one decimal. */
export const formatFigure = (kind: HeadlineKind, value: number | null, locale: string): string | null => {
  if (value === null) return null;
  if (kind === 'rate') return formatNumber(value, locale, 'percentOneDecimal');
  if (kind === 'hours' || kind === 'score') return formatNumber(value, locale, 'oneDecimal');
  return formatNumber(value, locale);
};

/** A signed difference, "+2.5" or "−1", in the viewer's language. */
export const formatSigned = (value: number, locale: string): string => formatNumber(value, locale, 'signedOneDecimal');

/** A period's bare dates as the console writes dates; `to` is excluded, so the last day shown is the day before. */
export const formatPeriodDays = (from: string, to: string, locale: string, now?: Date): { from: string; to: string } => {
  // Bare dates are midnight UTC: written in UTC, they stay on their own day everywhere.
  const options = { timeZone: 'UTC', ...(now === undefined ? {} : { now }) };
  return { from: formatDate(from, locale, options), to: formatDate(Date.parse(to) - 1, locale, options) };
};

/** An ISO week start as the console writes dates ("9 Mar"), for chart axes. */
export const formatWeek = (weekStart: string, locale: string, now?: Date): string =>
  formatDate(weekStart, locale, { timeZone: 'UTC', ...(now === undefined ? {} : { now }) });

/** A period of instants [from, to) as the console writes dates and times, in UTC as the statistics count. */
export const formatPeriodTimes = (from: string, to: string, locale: string, now?: Date): { from: string; to: string } => {
  const options = { timeZone: 'UTC', ...(now === undefined ? {} : { now }) };
  return { from: formatDateTime(from, locale, options), to: formatDateTime(to, locale, options) };
};

/** A day (midnight UTC) as a short weekday and day of the month ("Mon 9", "Sen 9"), for chart axes. */
export const formatDay = (day: string, locale: string): string => formatWeekdayAndDay(day, locale, { timeZone: 'UTC' });
