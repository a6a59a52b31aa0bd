import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatRelative, formatTime, formatTimeToday } from './dates';

// Local times: "today" is the system zone's day unless a zone is given.
const now = new Date(2026, 2, 2, 10, 0);

describe('time today (lists)', () => {
  it('shows the time today, the day this year, and the year before that', () => {
    expect(formatTimeToday(new Date(2026, 2, 2, 8, 5), 'en-GB', { now })).toBe('08:05');
    expect(formatTimeToday(new Date(2026, 2, 2, 23, 59), 'en-GB', { now })).toBe('23:59');
    expect(formatTimeToday(new Date(2026, 2, 3, 0, 0), 'en-GB', { now })).toBe('3 Mar');
    expect(formatTimeToday(new Date(2026, 2, 1, 23, 59), 'en-GB', { now })).toBe('1 Mar');
    expect(formatTimeToday(new Date(2025, 11, 24, 9, 0), 'en-GB', { now })).toBe('24 Dec 2025');
  });

  it('takes ISO strings and epoch milliseconds alike', () => {
    const at = new Date(2026, 2, 2, 8, 5);
    expect(formatTimeToday(at.toISOString(), 'en-GB', { now })).toBe('08:05');
    expect(formatTimeToday(at.getTime(), 'en-GB', { now })).toBe('08:05');
  });

  it('speaks the language it is given', () => {
    expect(formatTimeToday(new Date(2026, 2, 2, 8, 5), 'id', { now })).toBe('08.05');
    expect(formatTimeToday(new Date(2026, 7, 17), 'id', { now })).toBe('17 Agu');
    expect(formatTimeToday(new Date(2026, 2, 2, 8, 5), 'en-US', { now })).toMatch(/^08:05\sAM$/);
  });

  it('measures today in the zone it is given: 23:30 UTC is already tomorrow in Jakarta', () => {
    const lateUtc = '2026-03-02T23:30:00.000Z';
    const noonUtc = new Date('2026-03-02T12:00:00.000Z');
    expect(formatTimeToday(lateUtc, 'en-GB', { now: noonUtc, timeZone: 'UTC' })).toBe('23:30');
    expect(formatTimeToday(lateUtc, 'en-GB', { now: noonUtc, timeZone: 'Asia/Jakarta' })).toBe('3 Mar');
  });
});

describe('date and time', () => {
  const iso = '2026-03-02T14:05:09.000Z';
  const thisYear = new Date('2026-06-01T00:00:00.000Z');

  it('writes day, short month and the time, with the year only when it is not this year', () => {
    expect(formatDateTime(iso, 'id', { now: thisYear, timeZone: 'UTC' })).toBe('2 Mar, 14.05');
    expect(formatDateTime(iso, 'en-GB', { now: thisYear, timeZone: 'UTC' })).toBe('2 Mar, 14:05');
    expect(formatDateTime(iso, 'id', { now: new Date('2027-01-01T12:00:00.000Z'), timeZone: 'UTC' })).toBe('2 Mar 2026, 14.05');
  });

  it('has the same parts as the other kinds', () => {
    const options = { now: thisYear, timeZone: 'UTC' };
    for (const locale of ['en', 'id', 'en-GB']) {
      const both = formatDateTime(iso, locale, options);
      expect(both).toContain(formatDate(iso, locale, options));
      expect(both).toContain(formatTime(iso, locale, options));
    }
  });

  it('names the time zone when asked, for a reader who may be in another one', () => {
    const at = '2026-12-07T03:42:00.000Z';
    const now = new Date('2026-12-07T12:00:00.000Z');
    expect(formatDateTime(at, 'en-GB', { now, timeZone: 'Asia/Jakarta', showZone: true })).toBe('7 Dec, 10:42 GMT+7');
    expect(formatDateTime(at, 'en-GB', { now, timeZone: 'UTC', showZone: true })).toBe('7 Dec, 03:42 UTC');
    expect(formatDateTime(at, 'id', { now, timeZone: 'Asia/Jakarta', showZone: true })).toBe('7 Des, 10.42 WIB');
    expect(formatDateTime(at, 'en-GB', { now, timeZone: 'Asia/Jakarta' })).toBe('7 Dec, 10:42');
  });

  it('follows the time zone it is given', () => {
    expect(formatTime('2026-03-02T14:05:09.000Z', 'id', { timeZone: 'Asia/Jakarta' })).toBe('21.05');
  });

  it('writes bare dates (midnight UTC) on their own day', () => {
    expect(formatDate('2026-03-01', 'en', { now: thisYear, timeZone: 'UTC' })).toBe('Mar 1');
    expect(formatDate('2025-12-29', 'en', { now: thisYear, timeZone: 'UTC' })).toBe('Dec 29, 2025');
  });
});

describe('relative', () => {
  const at = '2026-01-01T12:00:00.000Z';

  it('reads seconds ago as now', () => {
    expect(formatRelative('2026-01-01T11:59:30.000Z', at, 'en')).toBe('now');
  });

  it('uses the largest whole unit', () => {
    expect(formatRelative('2026-01-01T11:57:00.000Z', at, 'en')).toBe('3 minutes ago');
    expect(formatRelative('2026-01-01T09:30:00.000Z', at, 'en')).toBe('2 hours ago');
    expect(formatRelative('2025-12-30T12:00:00.000Z', at, 'en')).toBe('2 days ago');
  });

  it('speaks the chosen language', () => {
    expect(formatRelative('2026-01-01T11:57:00.000Z', at, 'id')).toBe('3 menit yang lalu');
    expect(formatRelative('2026-01-01T11:59:30.000Z', at, 'id')).toBe('sekarang');
  });

  it('treats a time a little in the future (clock skew) as now', () => {
    expect(formatRelative('2026-01-01T12:00:05.000Z', at, 'en')).toBe('now');
  });
});
