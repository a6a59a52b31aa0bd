import { describe, expect, it } from 'vitest';
import { customPeriod, presetPeriod } from './statsPeriod';

const now = Date.parse('2026-03-12T15:30:00Z'); // a Thursday

describe('presetPeriod', () => {
  it('this week runs from Monday to the next Monday', () => {
    expect(presetPeriod('thisWeek', now)).toEqual({ from: '2026-03-09', to: '2026-03-16' });
  });
  it('last 30 days ends with today and is 30 days long', () => {
    expect(presetPeriod('last30Days', now)).toEqual({ from: '2026-02-11', to: '2026-03-13' });
  });
  it('this month, quarter and year are the calendar units around today, in UTC', () => {
    expect(presetPeriod('thisMonth', now)).toEqual({ from: '2026-03-01', to: '2026-04-01' });
    expect(presetPeriod('thisQuarter', now)).toEqual({ from: '2026-01-01', to: '2026-04-01' });
    expect(presetPeriod('thisQuarter', Date.parse('2026-12-31T23:00:00Z'))).toEqual({ from: '2026-10-01', to: '2027-01-01' });
    expect(presetPeriod('thisYear', now)).toEqual({ from: '2026-01-01', to: '2027-01-01' });
  });
  it('on a Sunday evening this week is still the one that began on Monday', () => {
    expect(presetPeriod('thisWeek', Date.parse('2026-03-15T23:59:00Z'))).toEqual({ from: '2026-03-09', to: '2026-03-16' });
  });
});

describe('customPeriod', () => {
  it('includes the last day by sending the day after as the end', () => {
    expect(customPeriod('2026-03-01', '2026-03-07')).toEqual({ ok: true, period: { from: '2026-03-01', to: '2026-03-08' } });
  });
  it('refuses a start on or after the end', () => {
    expect(customPeriod('2026-03-07', '2026-03-07')).toEqual({ ok: false, reason: 'order' });
    expect(customPeriod('2026-03-08', '2026-03-07')).toEqual({ ok: false, reason: 'order' });
  });
  it('asks for both dates', () => {
    expect(customPeriod('', '2026-03-07')).toEqual({ ok: false, reason: 'missing' });
  });
});
