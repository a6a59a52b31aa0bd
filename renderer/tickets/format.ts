/** Formatting shared by the ticket views; words come from i18n (see ticketLabels.ts). */

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** Day, month and time in `locale` (the console's language); the system's locale when none is given. */
export const formatDateTime = (iso: string, locale?: string): string => {
  const key = locale ?? '';
  let format = dateTimeFormats.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
    dateTimeFormats.set(key, format);
  }
  return format.format(new Date(iso));
};
