import { describe, expect, it } from 'vitest';
import { formatCallClock, formatCallDuration } from './callClock';

describe('formatCallClock', () => {
  it('shows minutes and seconds with two digits each', () => {
    expect(formatCallClock(0, 'en')).toBe('00:00');
    expect(formatCallClock(65_400, 'en')).toBe('01:05');
    expect(formatCallClock(59 * 60_000 + 59_999, 'id')).toBe('59:59');
  });

  it('adds the hours from the first hour on', () => {
    expect(formatCallClock(3_600_000 + 7 * 60_000 + 3_000, 'en')).toBe('1:07:03');
  });

  it('reads a negative duration as zero', () => {
    expect(formatCallClock(-5_000, 'en')).toBe('00:00');
  });
});

describe('formatCallDuration', () => {
  it('is null when no call was logged', () => {
    expect(formatCallDuration(0, 'en')).toBeNull();
  });

  it('names the units in the language of the console', () => {
    expect(formatCallDuration(4 * 60_000 + 5_000, 'en')).toBe('4 minutes, 5 seconds');
    expect(formatCallDuration(3_600_000 + 4 * 60_000 + 5_000, 'id')).toBe('1 jam, 4 menit, 5 detik');
  });

  it('leaves out the units that are zero and rounds to the second', () => {
    expect(formatCallDuration(2 * 60_000 + 400, 'en')).toBe('2 minutes');
    expect(formatCallDuration(300, 'id')).toBe('1 detik');
  });
});
