import { describe, expect, it } from 'vitest';
import { isInPeriod, isoWeekLabel, isoWeeksOf, isoWeekStart, isWholeWeekIn, parsePeriod, utcDaysOf } from './period';

describe('periods', () => {
  it('accepts ISO 8601 dates and zoned date-times, normalised to UTC', () => {
    expect(parsePeriod('2026-03-01', '2026-03-08T07:00:00+07:00')).toEqual({
      ok: true,
      value: { from: '2026-03-01T00:00:00.000Z', to: '2026-03-08T00:00:00.000Z' },
    });
  });

  it('refuses unparseable, zone-less, empty and backwards periods', () => {
    for (const [from, to] of [
      ['yesterday', '2026-03-08'],
      ['2026-03-01T10:00', '2026-03-08'],
      ['2026-03-08', '2026-03-08'],
      ['2026-03-09', '2026-03-08'],
      ['2026-02-30', '2026-03-08'],
    ] as const) {
      expect(parsePeriod(from, to)).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    }
  });

  it('includes `from` and excludes `to`', () => {
    const p = { from: '2026-03-02T00:00:00.000Z', to: '2026-03-09T00:00:00.000Z' };
    expect(isInPeriod(p.from, p)).toBe(true);
    expect(isInPeriod('2026-03-08T23:59:59.999Z', p)).toBe(true);
    expect(isInPeriod(p.to, p)).toBe(false);
  });
});

describe('ISO weeks', () => {
  it('start on Monday 00:00 UTC', () => {
    expect(isoWeekStart('2026-03-02T00:00:00.000Z')).toBe('2026-03-02T00:00:00.000Z'); // a Monday
    expect(isoWeekStart('2026-03-08T23:59:59.999Z')).toBe('2026-03-02T00:00:00.000Z'); // the Sunday after
    expect(isoWeekStart('2026-03-01T12:00:00.000Z')).toBe('2026-02-23T00:00:00.000Z'); // the Sunday before
  });

  it('are named by the year of their Thursday', () => {
    expect(isoWeekLabel('2025-12-29T00:00:00.000Z')).toBe('2026-W01'); // 1 Jan 2026 is a Thursday
    expect(isoWeekLabel('2026-03-02T00:00:00.000Z')).toBe('2026-W10');
    expect(isoWeekLabel('2026-12-28T00:00:00.000Z')).toBe('2026-W53'); // 2026 has 53 weeks
    expect(isoWeekLabel('2027-01-04T00:00:00.000Z')).toBe('2027-W01');
  });

  it('lists the weeks overlapping a period and tells whole weeks from partial ones', () => {
    const p = { from: '2026-03-04T00:00:00.000Z', to: '2026-03-16T00:00:00.000Z' }; // Wednesday to Monday
    const weeks = isoWeeksOf(p);
    expect(weeks).toEqual(['2026-03-02T00:00:00.000Z', '2026-03-09T00:00:00.000Z']);
    expect(weeks.map((w) => isWholeWeekIn(w, p))).toEqual([false, true]);
  });
});

describe('utcDaysOf', () => {
  it('lists the midnights of the days a short period overlaps, edge days included', () => {
    expect(utcDaysOf({ from: '2026-03-02T08:00:00.000Z', to: '2026-03-04T00:00:01.000Z' })).toEqual([
      '2026-03-02T00:00:00.000Z',
      '2026-03-03T00:00:00.000Z',
      '2026-03-04T00:00:00.000Z',
    ]);
    expect(utcDaysOf({ from: '2026-03-02T00:00:00.000Z', to: '2026-03-03T00:00:00.000Z' })).toEqual(['2026-03-02T00:00:00.000Z']);
  });
  it('lists none for a period of more than 31 days', () => {
    expect(utcDaysOf({ from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' })).toHaveLength(31);
    expect(utcDaysOf({ from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.001Z' })).toEqual([]);
  });
});
