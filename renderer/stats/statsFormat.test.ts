import { describe, expect, it } from 'vitest';
import { formatFigure, formatPeriodDays, formatSigned, formatWeek } from './statsFormat';

describe('formatFigure', () => {
  it('writes rates as percentages in the language', () => {
    expect(formatFigure('rate', 0.125, 'en')).toBe('12.5%');
    expect(formatFigure('rate', 0.125, 'id')).toBe('12,5%');
  });
  it('writes hours with one decimal and counts grouped', () => {
    expect(formatFigure('hours', 3.14159, 'en')).toBe('3.1');
    expect(formatFigure('count', 12345, 'id')).toBe('12.345');
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
