/**
 * Every date and time the consoles show is one of three kinds, each written one way, in the
 * reader's language:
 * - **time today** (`formatTimeToday`): lists, where rows are compared at a glance: the time of
 *   day for today, else the date;
 * - **date and time** (`formatDateTime`): a moment read on its own (a ticket's history, a refused
 *   change, a due time, the tracking page);
 * - **relative** (`formatRelative`): how long ago, for what ages on screen ("Last synced 3 minutes ago").
 *
 * They share their parts: the time of day is always hours and minutes in two digits, the date
 * always day and short month, with the year only when it is not this year. `formatTime` and
 * `formatDate` give those parts alone, for a session's steps and for bare dates.
 *
 * Intl formatters are costly to build and lists format thousands of times per scroll, so each is
 * made once per language, kind and time zone.
 */

/** An instant: an ISO string, milliseconds since the epoch, or a Date. */
export type Moment = string | number | Date;

export type DateFormatOptions = {
  /** What "today" and "this year" are measured against; the clock's time when not given. */
  now?: Date;
  /** An IANA zone; the system's when not given. Bare dates (statistics periods) are written in `UTC`. */
  timeZone?: string;
  /**
   * Write the zone's name after the time (`10:42 GMT+7`, `10.42 WIB`): for readers who may be in
   * another zone than whoever wrote the time, such as a caller on the tracking page.
   */
  showZone?: boolean;
};

const TIME = { hour: '2-digit', minute: '2-digit' } as const satisfies Intl.DateTimeFormatOptions;
const DAY = { day: 'numeric', month: 'short' } as const satisfies Intl.DateTimeFormatOptions;
const DAY_AND_YEAR = { ...DAY, year: 'numeric' } as const satisfies Intl.DateTimeFormatOptions;

const PATTERNS = {
  time: TIME,
  day: DAY,
  dayAndYear: DAY_AND_YEAR,
  dayAndTime: { ...DAY, ...TIME },
  dayYearAndTime: { ...DAY_AND_YEAR, ...TIME },
  weekday: { weekday: 'short' },
  dayOfMonth: { day: 'numeric' },
  // Not shown: the calendar date in a given zone, read part by part to compare days and years.
  calendar: { year: 'numeric', month: 'numeric', day: 'numeric' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

type Pattern = keyof typeof PATTERNS;

const formatters = new Map<string, Intl.DateTimeFormat>();

const formatter = (locale: string, pattern: Pattern, timeZone: string | undefined, showZone = false): Intl.DateTimeFormat => {
  const key = `${locale}|${pattern}|${timeZone ?? ''}|${showZone ? 'zone' : ''}`;
  let made = formatters.get(key);
  if (made === undefined) {
    const options: Intl.DateTimeFormatOptions = {
      ...PATTERNS[pattern],
      ...(timeZone === undefined ? {} : { timeZone }),
      ...(showZone ? { timeZoneName: 'short' } : {}),
    };
    made = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, made);
  }
  return made;
};

const toDate = (at: Moment): Date => (at instanceof Date ? at : new Date(at));

type CalendarDay = { year: number; month: number; day: number };

/** The day an instant falls on in the zone (the system's: read from the Date, which is quicker). */
const calendarDay = (at: Date, timeZone: string | undefined): CalendarDay => {
  if (timeZone === undefined) return { year: at.getFullYear(), month: at.getMonth() + 1, day: at.getDate() };
  const parts = formatter('en-US', 'calendar', timeZone).formatToParts(at);
  const part = (type: 'year' | 'month' | 'day') => Number(parts.find((candidate) => candidate.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day') };
};

const isSameYear = (at: Date, now: Date, timeZone: string | undefined): boolean => calendarDay(at, timeZone).year === calendarDay(now, timeZone).year;

const isSameDay = (at: Date, now: Date, timeZone: string | undefined): boolean => {
  const a = calendarDay(at, timeZone);
  const b = calendarDay(now, timeZone);
  return a.year === b.year && a.month === b.month && a.day === b.day;
};

/** The time of day: `09:05`, `09.05`, `09:05 AM`. */
export const formatTime = (at: Moment, locale: string, options: DateFormatOptions = {}): string =>
  formatter(locale, 'time', options.timeZone).format(toDate(at));

/** The date: `2 Mar`, or `2 Mar 2025` when not this year. */
export const formatDate = (at: Moment, locale: string, options: DateFormatOptions = {}): string => {
  const date = toDate(at);
  return formatter(locale, isSameYear(date, options.now ?? new Date(), options.timeZone) ? 'day' : 'dayAndYear', options.timeZone).format(date);
};

/** Date and time: `2 Mar, 09.05`, or `2 Mar 2025, 09.05` when not this year. */
export const formatDateTime = (at: Moment, locale: string, options: DateFormatOptions = {}): string => {
  const date = toDate(at);
  const pattern = isSameYear(date, options.now ?? new Date(), options.timeZone) ? 'dayAndTime' : 'dayYearAndTime';
  return formatter(locale, pattern, options.timeZone, options.showZone).format(date);
};

/** A day on a chart's axis, short weekday and day of the month: `Mon 9`, `Sen 9`. */
export const formatWeekdayAndDay = (at: Moment, locale: string, options: DateFormatOptions = {}): string => {
  const date = toDate(at);
  return `${formatter(locale, 'weekday', options.timeZone).format(date)} ${formatter(locale, 'dayOfMonth', options.timeZone).format(date)}`;
};

/** Time today: the time of day when the instant falls today, else its date (see formatDate). */
export const formatTimeToday = (at: Moment, locale: string, options: DateFormatOptions = {}): string => {
  const date = toDate(at);
  const now = options.now ?? new Date();
  return isSameDay(date, now, options.timeZone) ? formatTime(date, locale, options) : formatDate(date, locale, { ...options, now });
};

const RELATIVE_UNITS: ReadonlyArray<{ unit: Intl.RelativeTimeFormatUnit; seconds: number }> = [
  { unit: 'day', seconds: 86_400 },
  { unit: 'hour', seconds: 3600 },
  { unit: 'minute', seconds: 60 },
];

const relativeFormatters = new Map<string, Intl.RelativeTimeFormat>();

/**
 * Relative: `now`, `3 minutes ago`, `2 jam yang lalu`, in the largest whole unit. Under a minute
 * reads as "now", so a console that synced seconds ago does not count seconds; a time a little
 * ahead of `now` (another clock) reads as now too.
 */
export const formatRelative = (at: Moment, now: Moment, locale: string): string => {
  let format = relativeFormatters.get(locale);
  if (format === undefined) {
    format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    relativeFormatters.set(locale, format);
  }
  const elapsedSeconds = Math.max(0, (toDate(now).getTime() - toDate(at).getTime()) / 1000);
  for (const { unit, seconds } of RELATIVE_UNITS) {
    if (elapsedSeconds >= seconds) return format.format(-Math.floor(elapsedSeconds / seconds), unit);
  }
  return format.format(0, 'second');
};
