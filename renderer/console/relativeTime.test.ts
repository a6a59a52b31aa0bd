import { describe, expect, it } from 'vitest';
import { relativeTime } from './relativeTime';

const now = '2026-01-01T12:00:00.000Z';

describe('relativeTime', () => {
  it('reads seconds ago as now', () => {
    expect(relativeTime('2026-01-01T11:59:30.000Z', now, 'en')).toBe('now');
  });

  it('uses the largest whole unit', () => {
    expect(relativeTime('2026-01-01T11:57:00.000Z', now, 'en')).toBe('3 minutes ago');
    expect(relativeTime('2026-01-01T09:30:00.000Z', now, 'en')).toBe('2 hours ago');
    expect(relativeTime('2025-12-30T12:00:00.000Z', now, 'en')).toBe('2 days ago');
  });

  it('speaks the chosen language', () => {
    expect(relativeTime('2026-01-01T11:57:00.000Z', now, 'id')).toBe('3 menit yang lalu');
  });

  it('treats a time a little in the future (clock skew) as now', () => {
    expect(relativeTime('2026-01-01T12:00:05.000Z', now, 'en')).toBe('now');
  });
});
