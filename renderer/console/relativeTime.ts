const UNITS: ReadonlyArray<{ unit: Intl.RelativeTimeFormatUnit; seconds: number }> = [
  { unit: 'day', seconds: 86_400 },
  { unit: 'hour', seconds: 3600 },
  { unit: 'minute', seconds: 60 },
];

/**
 * `just now`, `3 minutes ago`, `2 jam yang lalu`: how long ago `then` was, in the locale's words.
 * Under a minute reads as "now", so a console that synced seconds ago does not count seconds.
 */
export const relativeTime = (then: string, now: string, locale: string): string => {
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const elapsedSeconds = Math.max(0, (Date.parse(now) - Date.parse(then)) / 1000);
  for (const { unit, seconds } of UNITS) {
    if (elapsedSeconds >= seconds) return format.format(-Math.floor(elapsedSeconds / seconds), unit);
  }
  return format.format(0, 'second');
};
