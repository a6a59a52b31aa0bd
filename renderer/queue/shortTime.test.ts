import { describe, expect, it } from 'vitest';
import { shortTime } from './shortTime';

const now = new Date(2026, 2, 2, 10, 0);

describe('short time', () => {
  it('shows the time today, the day this year, the year before that', () => {
    expect(shortTime(new Date(2026, 2, 2, 8, 5).getTime(), 'en-GB', now)).toBe('08:05');
    expect(shortTime(new Date(2026, 2, 2, 23, 59).getTime(), 'en-GB', now)).toBe('23:59');
    expect(shortTime(new Date(2026, 2, 3, 0, 0).getTime(), 'en-GB', now)).toBe('3 Mar');
    expect(shortTime(new Date(2026, 2, 1, 23, 59).getTime(), 'en-GB', now)).toBe('1 Mar');
    expect(shortTime(new Date(2025, 11, 24, 9, 0).getTime(), 'en-GB', now)).toBe('24 Dec 2025');
  });

  it('follows the language, and a kept text does not outlive its day or language', () => {
    const time = new Date(2026, 2, 2, 8, 5).getTime();
    expect(shortTime(time, 'en-GB', now)).toBe('08:05');
    expect(shortTime(time, 'id', new Date(2026, 2, 5, 10, 0))).toBe('2 Mar');
    expect(shortTime(new Date(2026, 0, 7).getTime(), 'id', now)).toBe('7 Jan');
    expect(shortTime(new Date(2026, 7, 17).getTime(), 'id', now)).toBe('17 Agu');
    expect(shortTime(time, 'en-US', now)).toMatch(/^08:05\s?AM$/);
  });
});
