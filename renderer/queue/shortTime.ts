/*
 * formatShortTime of tickets/format.ts with the formatters made once: toLocale*String builds an
 * Intl formatter per call, which at two dates per row cost most of a scrolled frame.
 */
const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const day = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const dayAndYear = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });

/** Short time for lists: the time today, else the date (with the year when not this year). */
export const shortTime = (epochMs: number, now: Date = new Date()): string => {
  const date = new Date(epochMs);
  if (date.getFullYear() === now.getFullYear() && date.getMonth() === now.getMonth() && date.getDate() === now.getDate()) return time.format(date);
  return (date.getFullYear() === now.getFullYear() ? day : dayAndYear).format(date);
};
