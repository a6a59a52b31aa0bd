import { describe, expect, it } from 'vitest';
import { formatClock, formatDuration, sessionDurationMs, totalSessionMs } from './sessionTime';

const at = (time: string) => `2026-03-02T${time}.000Z`;

describe('sessionDurationMs', () => {
  it('measures an ended session from start to end, whatever the time now', () => {
    expect(sessionDurationMs({ startedAt: at('09:00:00'), endedAt: at('09:12:30') }, Date.parse(at('17:00:00')))).toBe(750_000);
  });

  it('measures a running session up to now', () => {
    expect(sessionDurationMs({ startedAt: at('09:00:00'), endedAt: null }, Date.parse(at('09:00:42')))).toBe(42_000);
  });

  it('reads a clock set back before the start as zero', () => {
    expect(sessionDurationMs({ startedAt: at('09:00:00'), endedAt: null }, Date.parse(at('08:59:00')))).toBe(0);
  });
});

describe('totalSessionMs', () => {
  it('adds ended and running sessions', () => {
    const sessions = [
      { startedAt: at('09:00:00'), endedAt: at('09:40:00') },
      { startedAt: at('10:00:00'), endedAt: null },
    ];
    expect(totalSessionMs(sessions, Date.parse(at('10:25:00')))).toBe(65 * 60_000);
  });

  it('is zero without sessions', () => {
    expect(totalSessionMs([], Date.now())).toBe(0);
  });
});

describe('formatClock', () => {
  it('always shows hours, minutes and seconds with two digits each', () => {
    expect(formatClock(0, 'en')).toBe('00:00:00');
    expect(formatClock(65_999, 'en')).toBe('00:01:05');
    expect(formatClock(3_600_000 + 7 * 60_000 + 3_000, 'id')).toBe('01:07:03');
  });

  it('lets the hours grow past a day instead of wrapping', () => {
    expect(formatClock(26 * 3_600_000, 'en')).toBe('26:00:00');
  });

  it('reads a negative duration as zero', () => {
    expect(formatClock(-5_000, 'en')).toBe('00:00:00');
  });
});

describe('formatDuration', () => {
  it('counts seconds under a minute', () => {
    expect(formatDuration(12_400, 'en')).toBe('12 seconds');
    expect(formatDuration(1_000, 'en')).toBe('1 second');
    expect(formatDuration(0, 'id')).toBe('0 detik');
  });

  it('gives hours and minutes from a minute on, in the console language', () => {
    expect(formatDuration(65 * 60_000, 'en')).toBe('1 hour, 5 minutes');
    expect(formatDuration(65 * 60_000, 'id')).toBe('1 jam, 5 menit');
    expect(formatDuration(2 * 3_600_000, 'en')).toBe('2 hours');
    expect(formatDuration(4 * 60_000 + 10_000, 'id')).toBe('4 menit');
  });

  it('rounds to the nearest minute, carrying into the hour', () => {
    expect(formatDuration(59.5 * 1000, 'en')).toBe('1 minute');
    expect(formatDuration(59 * 60_000 + 40_000, 'en')).toBe('1 hour');
  });
});
