import { describe, expect, it } from 'vitest';
import { comparisonPeriod, comparisonUnit } from './comparison';

const period = (from: string, to: string) => ({ from: `${from}T00:00:00.000Z`, to: `${to}T00:00:00.000Z` });

describe('comparisonUnit', () => {
  it('knows whole ISO weeks, calendar months, quarters and years', () => {
    expect(comparisonUnit(period('2026-03-09', '2026-03-16'))).toBe('week');
    expect(comparisonUnit(period('2026-02-01', '2026-03-01'))).toBe('month');
    expect(comparisonUnit(period('2026-04-01', '2026-07-01'))).toBe('quarter');
    expect(comparisonUnit(period('2026-01-01', '2027-01-01'))).toBe('year');
  });
  it('calls anything else a period', () => {
    // Seven days from a Tuesday, a month from the 2nd, three months from February, 30 days.
    expect(comparisonUnit(period('2026-03-10', '2026-03-17'))).toBe('period');
    expect(comparisonUnit(period('2026-03-02', '2026-04-02'))).toBe('period');
    expect(comparisonUnit(period('2026-02-01', '2026-05-01'))).toBe('period');
    expect(comparisonUnit(period('2026-02-11', '2026-03-13'))).toBe('period');
    expect(comparisonUnit({ from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:01.000Z' })).toBe('period');
  });
});

describe('comparisonPeriod', () => {
  it('compares this week so far, on a Monday morning, with last Monday up to the same time', () => {
    const week = period('2026-03-09', '2026-03-16');
    expect(comparisonPeriod(week, '2026-03-09T10:30:00.000Z')).toEqual({
      unit: 'week',
      isSoFar: true,
      previous: { from: '2026-03-02T00:00:00.000Z', to: '2026-03-02T10:30:00.000Z' },
    });
  });
  it('compares this month so far with last month up to the same day and time', () => {
    expect(comparisonPeriod(period('2026-03-01', '2026-04-01'), '2026-03-12T15:30:00.000Z').previous).toEqual({
      from: '2026-02-01T00:00:00.000Z',
      to: '2026-02-12T15:30:00.000Z',
    });
  });
  it('takes the whole previous month when this month is past a day the previous one has', () => {
    expect(comparisonPeriod(period('2026-03-01', '2026-04-01'), '2026-03-30T09:00:00.000Z').previous).toEqual({
      from: '2026-02-01T00:00:00.000Z',
      to: '2026-03-01T00:00:00.000Z',
    });
  });
  it('compares a quarter with the same month and day of the quarter before', () => {
    expect(comparisonPeriod(period('2026-04-01', '2026-07-01'), '2026-06-01T00:00:00.000Z').previous).toEqual({
      from: '2026-01-01T00:00:00.000Z',
      to: '2026-03-01T00:00:00.000Z',
    });
    // 31 May: February has no 31st, so up to the end of February.
    expect(comparisonPeriod(period('2026-04-01', '2026-07-01'), '2026-05-31T12:00:00.000Z').previous.to).toBe('2026-03-01T00:00:00.000Z');
  });
  it('compares a year with the same date last year; 29 February is the end of February a year before', () => {
    expect(comparisonPeriod(period('2026-01-01', '2027-01-01'), '2026-07-04T08:00:00.000Z').previous).toEqual({
      from: '2025-01-01T00:00:00.000Z',
      to: '2025-07-04T08:00:00.000Z',
    });
    expect(comparisonPeriod(period('2028-01-01', '2029-01-01'), '2028-02-29T08:00:00.000Z').previous.to).toBe('2027-03-01T00:00:00.000Z');
  });
  it('compares any other running period with the same length before it, up to the same time into it', () => {
    // The last 30 days, ending tomorrow at midnight, asked at 15:30 today.
    expect(comparisonPeriod(period('2026-02-11', '2026-03-13'), '2026-03-12T15:30:00.000Z')).toEqual({
      unit: 'period',
      isSoFar: true,
      previous: { from: '2026-01-12T00:00:00.000Z', to: '2026-02-10T15:30:00.000Z' },
    });
  });
  it('compares a period that is over with the whole one before: the previous calendar month, not the same length', () => {
    expect(comparisonPeriod(period('2026-03-01', '2026-04-01'), '2026-05-01T00:00:00.000Z')).toEqual({
      unit: 'month',
      isSoFar: false,
      previous: { from: '2026-02-01T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z' },
    });
    expect(comparisonPeriod(period('2026-03-02', '2026-03-05'), '2026-05-01T00:00:00.000Z').previous).toEqual({
      from: '2026-02-27T00:00:00.000Z',
      to: '2026-03-02T00:00:00.000Z',
    });
  });
  it('counts the end of a period as over and its start as not begun', () => {
    const week = period('2026-03-09', '2026-03-16');
    expect(comparisonPeriod(week, '2026-03-16T00:00:00.000Z')).toMatchObject({ isSoFar: false, previous: { to: '2026-03-09T00:00:00.000Z' } });
    expect(comparisonPeriod(week, '2026-03-09T00:00:00.000Z')).toMatchObject({ isSoFar: false, previous: { from: '2026-03-02T00:00:00.000Z' } });
  });
});
