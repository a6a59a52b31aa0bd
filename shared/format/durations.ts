/**
 * The pieces every duration on screen is written with (call and session clocks, time spent), in
 * the console's language. Intl formatters are costly to build and these run every second, so
 * each is made once per language.
 */
export type DurationUnit = 'hour' | 'minute' | 'second';

const memo = <T>(make: (key: string) => T): ((key: string) => T) => {
  const made = new Map<string, T>();
  return (key) => {
    let value = made.get(key);
    if (value === undefined) {
      value = make(key);
      made.set(key, value);
    }
    return value;
  };
};

/** Two digits, no grouping: the minutes and seconds of a clock. */
export const twoDigits = memo((locale) => new Intl.NumberFormat(locale, { minimumIntegerDigits: 2, useGrouping: false }));

/** A whole number without grouping: the hours of a clock. */
export const wholeNumber = memo((locale) => new Intl.NumberFormat(locale, { useGrouping: false }));

const unitFormat = memo((key) => {
  const [locale, unit] = key.split('|');
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' });
});

/** "5 minutes", "5 menit". */
export const formatUnit = (locale: string, unit: DurationUnit, value: number): string => unitFormat(`${locale}|${unit}`).format(value);

/** "1 hour, 5 minutes": unit phrases joined the way the language lists them. */
export const joinUnits = (locale: string, parts: readonly string[], style: 'short' | 'long'): string =>
  new Intl.ListFormat(locale, { style, type: 'unit' }).format(parts);

/** Whole seconds as hours, minutes and seconds. */
export const splitSeconds = (total: number): { hours: number; minutes: number; seconds: number } => ({
  hours: Math.floor(total / 3600),
  minutes: Math.floor((total % 3600) / 60),
  seconds: total % 60,
});
