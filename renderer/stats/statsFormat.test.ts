import { describe, expect, it } from 'vitest';
import { formatDay, formatFigure, formatPeriodDays, formatPeriodTimes, formatSigned, formatWeek } from './statsFormat';

describe('formatFigure', () => {
  it('writes rates as percentages in the language', () => {
    expect(formatFigure('rate', 0.125, 'en')).toBe('12.5%');
    expect(formatFigure('rate', 0.125, 'id')).toBe('12,5%');
  });
  it('writes hours with one decimal and counts grouped', () => {
    expect(formatFigure('hours', 3.14159, 'en')).toBe('3.1');
    expect(formatFigure('count', 12345, 'id')).toBe('12.345');
  });
  it('writes a mean rating with one decimal', () => {
    expect(formatFigure('score', 4.25, 'id')).toBe('4,3');
  });
  it('has nothing to write for a missing figure', () => {
    expect(formatFigure('rate', null, 'en')).toBeNull();
  });
});

describe('formatSigned', () => {
  it('shows the sign of a change, none for zero', () => {
    expect(formatSigned(2.5, 'en')).toBe('+2.5');
    expect(formatSigned(-1, 'en')).toBe('-1');
    expect(formatSigned(0, 'en')).toBe('0');
  });
});

describe('formatPeriodDays', () => {
  it('shows the last included day, not the excluded end, with the year when it is not this year', () => {
    expect(formatPeriodDays('2026-03-01', '2026-03-08', 'en', new Date('2026-06-01T00:00:00Z'))).toEqual({ from: 'Mar 1', to: 'Mar 7' });
    expect(formatPeriodDays('2026-03-01', '2026-03-08', 'en', new Date('2027-06-01T00:00:00Z'))).toEqual({ from: 'Mar 1, 2026', to: 'Mar 7, 2026' });
  });
});

describe('formatWeek', () => {
  it('names a week by its Monday', () => {
    expect(formatWeek('2026-03-09T00:00:00.000Z', 'en', new Date('2026-06-01T00:00:00Z'))).toBe('Mar 9');
  });
});

describe('formatDay', () => {
  it('names a day by its weekday and date, in UTC, in either language', () => {
    expect(formatDay('2026-03-09T00:00:00.000Z', 'en')).toBe('Mon 9');
    expect(formatDay('2026-03-15T00:00:00.000Z', 'id')).toBe('Min 15');
  });
});

describe('formatPeriodTimes', () => {
  it('shows both instants with their time, in UTC', () => {
    const now = new Date('2026-06-01T00:00:00.000Z');
    expect(formatPeriodTimes('2026-03-02T00:00:00.000Z', '2026-03-02T10:30:00.000Z', 'en', now)).toEqual({ from: 'Mar 2, 12:00 AM', to: 'Mar 2, 10:30 AM' });
    expect(formatPeriodTimes('2025-12-29T00:00:00.000Z', '2026-01-05T00:00:00.000Z', 'en-GB', now)).toEqual({ from: '29 Dec 2025, 00:00', to: '5 Jan, 00:00' });
  });
});
