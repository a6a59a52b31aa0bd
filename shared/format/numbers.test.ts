import { describe, expect, it } from 'vitest';
import { formatUnits } from './durations';
import { formatList, formatNumber, formatUnit, numberFormat } from './numbers';

describe('numbers in the reader language', () => {
  it('writes each style as its language does', () => {
    expect(formatNumber(21000, 'en')).toBe('21,000');
    expect(formatNumber(21000, 'id')).toBe('21.000');
    expect(formatNumber(0.42, 'en', 'percent')).toBe('42%');
    expect(formatNumber(0.4567, 'en', 'percentOneDecimal')).toBe('45.7%');
    expect(formatNumber(2.54, 'id', 'oneDecimal')).toBe('2,5');
    expect(formatNumber(2.5, 'en', 'signedOneDecimal')).toBe('+2.5');
    expect(formatNumber(0, 'en', 'signedOneDecimal')).toBe('0');
    expect(formatNumber(5, 'en', 'twoDigits')).toBe('05');
    expect(formatNumber(12345, 'en', 'wholeNoGrouping')).toBe('12345');
  });

  it('writes units and lists', () => {
    expect(formatUnit(5, 'en', 'minute', 'long')).toBe('5 minutes');
    expect(formatUnit(5, 'id', 'minute', 'long')).toBe('5 menit');
    expect(formatList(['a', 'b', 'c'], 'en', 'conjunction')).toBe('a, b, and c');
    expect(
      formatUnits(
        [
          ['hour', 1],
          ['minute', 5],
        ],
        'en',
        'long',
      ),
    ).toBe('1 hour, 5 minutes');
    expect(
      formatUnits(
        [
          ['hour', 1],
          ['minute', 5],
        ],
        'en',
        'narrow',
      ),
    ).toBe('1h 5m');
  });

  it('makes each formatter once per language and style', () => {
    expect(numberFormat('en', 'percent')).toBe(numberFormat('en', 'percent'));
    expect(numberFormat('en', 'percent')).not.toBe(numberFormat('id', 'percent'));
    expect(numberFormat('en', 'count')).not.toBe(numberFormat('en', 'percent'));
  });
});
