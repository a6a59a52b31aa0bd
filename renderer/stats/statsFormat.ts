import type { HeadlineKind } from './headlineChange';

/** A figure in the viewer's language: counts whole, rates as percentages, hours with one decimal. */
export const formatFigure = (kind: HeadlineKind, value: number | null, locale: string): string | null => {
  if (value === null) return null;
  if (kind === 'rate') return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);
  if (kind === 'hours') return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);
  return new Intl.NumberFormat(locale).format(value);
};

/** A signed difference, "+2.5" or "−1", in the viewer's language. */
export const formatSigned = (value: number, locale: string): string =>
  new Intl.NumberFormat(locale, { signDisplay: 'exceptZero', maximumFractionDigits: 1 }).format(value);

/** A period's bare dates as the viewer writes dates; `to` is excluded, so the last day shown is the day before. */
export const formatPeriodDays = (from: string, to: string, locale: string): { from: string; to: string } => {
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  return { from: format.format(new Date(from)), to: format.format(new Date(Date.parse(to) - 1)) };
};

/** A period of instants [from, to) as the viewer writes dates and times, in UTC as the statistics count. */
export const formatPeriodTimes = (from: string, to: string, locale: string): { from: string; to: string } => {
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
  return { from: format.format(new Date(from)), to: format.format(new Date(to)) };
};

/** A day (midnight UTC) as a short weekday and day of the month ("Mon 9", "Sen 9"), for chart axes. */
export const formatDay = (day: string, locale: string): string => {
  const date = new Date(day);
  const weekday = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(date);
  const dayOfMonth = new Intl.DateTimeFormat(locale, { day: 'numeric', timeZone: 'UTC' }).format(date);
  return `${weekday} ${dayOfMonth}`;
};

/** An ISO week start as a short date ("9 Mar"), for chart axes. */
export const formatWeek = (weekStart: string, locale: string): string =>
  new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(weekStart));
