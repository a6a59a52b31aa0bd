import type { RemoteSession } from '../../shared/domain/records';
import { formatUnits, splitSeconds } from '../../shared/format/durations';
import { formatNumber, formatUnit } from '../../shared/format/numbers';

type Timed = Pick<RemoteSession, 'startedAt' | 'endedAt'>;

/**
 * How long a session lasted, or has lasted so far at `nowMs` while it runs. Never negative: a
 * clock set back mid-session reads as zero rather than as nonsense.
 */
export const sessionDurationMs = (session: Timed, nowMs: number): number => {
  const end = session.endedAt === null ? nowMs : Date.parse(session.endedAt);
  return Math.max(0, end - Date.parse(session.startedAt));
};

/** The time spent on a ticket in sessions: the ended ones plus the running ones so far. */
export const totalSessionMs = (sessions: readonly Timed[], nowMs: number): number =>
  sessions.reduce((sum, session) => sum + sessionDurationMs(session, nowMs), 0);

/** A running session's timer, `hh:mm:ss` in the locale's digits; past 99 hours the hours simply grow. */
export const formatClock = (ms: number, locale: string): string => {
  const { hours, minutes, seconds } = splitSeconds(Math.max(0, Math.floor(ms / 1000)));
  return [hours, minutes, seconds].map((part) => formatNumber(part, locale, 'twoDigits')).join(':');
};

/**
 * A duration for people, in the console's language ("1 hour, 5 minutes"; "1 jam, 5 menit"), written
 * over `Intl.NumberFormat` units because `Intl.DurationFormat` is not in every runtime we ship on.
 * Under a minute it counts seconds; from a minute on, hours and minutes rounded to the nearest
 * minute, since seconds are noise in time spent on a ticket.
 */
export const formatDuration = (ms: number, locale: string): string => {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return formatUnit(seconds, locale, 'second', 'long');
  const minutes = Math.round(seconds / 60);
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return formatUnits([...(hours > 0 ? [['hour', hours] as const] : []), ...(rest > 0 || hours === 0 ? [['minute', rest] as const] : [])], locale, 'long');
};
