/**
 * Numbers as the consoles write them, in the reader's language: counts, percentages, figures with a
 * decimal, amounts of a unit, clock digits, and lists. Intl formatters are costly to build and some of
 * these run on every render or every second, so each is made once per language and style.
 */

/** The styles the consoles use; each is a key of the cache, so they stay few and named. */
const STYLES = {
  count: {},
  percent: { style: 'percent' },
  percentOneDecimal: { style: 'percent', maximumFractionDigits: 1 },
  oneDecimal: { maximumFractionDigits: 1 },
  signedOneDecimal: { signDisplay: 'exceptZero', maximumFractionDigits: 1 },
  // Tickets per person-week (training impact) are often well under one.
  twoDecimals: { minimumFractionDigits: 2, maximumFractionDigits: 2 },
  signedTwoDecimals: { signDisplay: 'exceptZero', minimumFractionDigits: 2, maximumFractionDigits: 2 },
  wholeNoGrouping: { useGrouping: false },
  twoDigits: { minimumIntegerDigits: 2, useGrouping: false },
} as const satisfies Record<string, Intl.NumberFormatOptions>;

export type NumberStyle = keyof typeof STYLES;
export type Unit = 'day' | 'hour' | 'minute' | 'second';
export type UnitDisplay = 'long' | 'short' | 'narrow';

const made = new Map<string, Intl.NumberFormat | Intl.ListFormat>();

const cached = <F extends Intl.NumberFormat | Intl.ListFormat>(key: string, make: () => F): F => {
  let format = made.get(key) as F | undefined;
  if (format === undefined) {
    format = make();
    made.set(key, format);
  }
  return format;
};

/** The cached formatter of a style, for callers that format many numbers alike (a chart's ticks). */
export const numberFormat = (locale: string, style: NumberStyle = 'count'): Intl.NumberFormat =>
  cached(`number|${locale}|${style}`, () => new Intl.NumberFormat(locale, STYLES[style]));

/** A number in a style: `count` (grouped, "21,000"), `percent` (of a ratio, "42%"), `oneDecimal`, ... */
export const formatNumber = (value: number, locale: string, style: NumberStyle = 'count'): string => numberFormat(locale, style).format(value);

/** An amount of a unit: "5 minutes" (long), "5 min" (short), "5m" (narrow); "5 menit" in Indonesian. */
export const formatUnit = (value: number, locale: string, unit: Unit, display: UnitDisplay): string =>
  cached(`unit|${locale}|${unit}|${display}`, () => new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: display })).format(value);

/** Items joined the way the language lists them: "a, b and c" (conjunction), "1 hour, 5 minutes" (unit). */
export const formatList = (items: readonly string[], locale: string, type: 'conjunction' | 'unit', style: 'long' | 'short' = 'long'): string =>
  cached(`list|${locale}|${type}|${style}`, () => new Intl.ListFormat(locale, { type, style })).format(items);
