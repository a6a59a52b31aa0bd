/*
 * Short times for the queue's rows (the time today, else the date): the formatters made once per
 * language (toLocale*String builds an Intl formatter per call, most of a scrolled frame), and
 * each time's text kept for the day, since the same rows come back with every sort and scroll.
 */
type Formatters = { time: Intl.DateTimeFormat; day: Intl.DateTimeFormat; dayAndYear: Intl.DateTimeFormat };

const MAX_KEPT = 20_000;
let cached: { locale: string; dayStart: number; formatters: Formatters; texts: Map<number, string> } | null = null;

const startOfDay = (now: Date) => new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();

const formattersFor = (locale: string): Formatters => ({
  time: new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }),
  day: new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short' }),
  dayAndYear: new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric' }),
});

/** Short time for lists in `locale`: the time today, else the date (with the year when not this year). */
export const shortTime = (epochMs: number, locale: string, now: Date = new Date()): string => {
  const dayStart = startOfDay(now);
  // The texts depend on which day today is, so they are kept for one day and one language.
  if (cached === null || cached.locale !== locale || cached.dayStart !== dayStart || cached.texts.size > MAX_KEPT) {
    cached = { locale, dayStart, formatters: cached?.locale === locale ? cached.formatters : formattersFor(locale), texts: new Map() };
  }
  const kept = cached.texts.get(epochMs);
  if (kept !== undefined) return kept;
  const date = new Date(epochMs);
  const { time, day, dayAndYear } = cached.formatters;
  const text = epochMs >= dayStart && epochMs < startOfDay(new Date(dayStart + 36 * 3_600_000)) ? time.format(date) : (date.getFullYear() === now.getFullYear() ? day : dayAndYear).format(date);
  cached.texts.set(epochMs, text);
  return text;
};
