const pad = (locale: string) => new Intl.NumberFormat(locale, { minimumIntegerDigits: 2, useGrouping: false });
const plain = (locale: string) => new Intl.NumberFormat(locale, { useGrouping: false });

/**
 * A running call as a clock: `mm:ss`, or `h:mm:ss` from the first hour on, in the locale's digits.
 * Negative durations (a clock set back mid-call) read as zero rather than as nonsense.
 */
export const formatCallClock = (ms: number, locale: string): string => {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = pad(locale);
  return hours > 0
    ? `${plain(locale).format(hours)}:${two.format(minutes)}:${two.format(seconds)}`
    : `${two.format(minutes)}:${two.format(seconds)}`;
};

const unit = (locale: string, name: 'hour' | 'minute' | 'second', value: number) =>
  new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'long' }).format(value);

/**
 * The time spent on the phone for a ticket (`ticket.callMs`), for the ticket detail: "4 minutes, 5 seconds"
 * in English, "4 menit, 5 detik" in Indonesian; null when no call was logged, so the fact can be left out.
 */
export const formatCallDuration = (ms: number, locale: string): string | null => {
  if (ms <= 0) return null;
  const total = Math.max(1, Math.round(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const parts = [
    ...(hours > 0 ? [unit(locale, 'hour', hours)] : []),
    ...(minutes > 0 ? [unit(locale, 'minute', minutes)] : []),
    ...(seconds > 0 ? [unit(locale, 'second', seconds)] : []),
  ];
  return new Intl.ListFormat(locale, { style: 'short', type: 'unit' }).format(parts);
};
