import { formatList, formatUnit, type Unit } from './numbers';

/**
 * The pieces every duration on screen is written with (call and session clocks, time spent, SLA
 * countdowns), in the console's language, over the cached formatters of numbers.ts.
 */

/** Whole seconds as hours, minutes and seconds. */
export const splitSeconds = (total: number): { hours: number; minutes: number; seconds: number } => ({
  hours: Math.floor(total / 3600),
  minutes: Math.floor((total % 3600) / 60),
  seconds: total % 60,
});

/**
 * Amounts of units as words, joined the way the language lists them: "1 hour, 5 minutes" (long
 * units), "1 j 5 mnt" (narrow: joined by spaces, as a countdown reads).
 */
export const formatUnits = (
  parts: ReadonlyArray<readonly [Unit, number]>,
  locale: string,
  display: 'long' | 'narrow',
  listStyle: 'long' | 'short' = 'long',
): string => {
  const words = parts.map(([unit, value]) => formatUnit(value, locale, unit, display));
  return display === 'narrow' ? words.join(' ') : formatList(words, locale, 'unit', listStyle);
};
