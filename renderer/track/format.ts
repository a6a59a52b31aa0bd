/**
 * The locale to write dates in: the browser's own variant of the chosen language if it has one
 * (en-US or en-GB, id-ID), else the language itself.
 */
export const localeFor = (language: string, browserLocales: readonly string[]): string =>
  browserLocales.find((tag) => tag.toLowerCase().split('-')[0] === language) ?? language;

/**
 * A date and time with its time zone ("7 Dec 2026, 10:42 GMT+7", "7 Des 2026, 10.42 WIB"): the
 * caller may be in another zone than the help desk, and a bare time would be read as theirs.
 * `timeZone` is the browser's unless given (tests fix it).
 */
export const formatDateTime = (iso: string, locale: string, timeZone?: string): string =>
  new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
    ...(timeZone === undefined ? {} : { timeZone }),
  }).format(new Date(iso));
