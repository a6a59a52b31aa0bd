import { formatUnits, splitSeconds } from '../../shared/format/durations';
import { formatNumber, type Unit } from '../../shared/format/numbers';

/**
 * A running call as a clock: `mm:ss`, or `h:mm:ss` from the first hour on, in the locale's digits.
 * Negative durations (a clock set back mid-call) read as zero rather than as nonsense.
 */
export const formatCallClock = (ms: number, locale: string): string => {
  const { hours, minutes, seconds } = splitSeconds(Math.max(0, Math.floor(ms / 1000)));
  const two = (value: number) => formatNumber(value, locale, 'twoDigits');
  return hours > 0 ? `${formatNumber(hours, locale, 'wholeNoGrouping')}:${two(minutes)}:${two(seconds)}` : `${two(minutes)}:${two(seconds)}`;
};

/**
 * The time spent on the phone for a ticket (`ticket.callMs`), for the ticket detail: "4 minutes, 5 seconds"
 * in English, "4 menit, 5 detik" in Indonesian; null when no call was logged, so the fact can be left out.
 */
export const formatCallDuration = (ms: number, locale: string): string | null => {
  if (ms <= 0) return null;
  const { hours, minutes, seconds } = splitSeconds(Math.max(1, Math.round(ms / 1000)));
  const parts: Array<[Unit, number]> = [
    ['hour', hours],
    ['minute', minutes],
    ['second', seconds],
  ];
  return formatUnits(
    parts.filter(([, value]) => value > 0),
    locale,
    'long',
    'short',
  );
};
