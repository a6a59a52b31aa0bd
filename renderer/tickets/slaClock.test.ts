import { describe, expect, it } from 'vitest';
import { formatCountdown, slaClocks } from './slaClock';

const base = {
  status: 'open' as const,
  createdAt: '2026-01-01T10:00:00.000Z',
  resolvedAt: null,
  firstResponseDueAt: '2026-01-01T11:00:00.000Z',
  firstRespondedAt: null,
  resolutionDueAt: '2026-01-01T18:00:00.000Z',
  pendingSince: null,
};

describe('slaClocks', () => {
  it('counts both clocks down from now', () => {
    const clocks = slaClocks(base, '2026-01-01T10:30:00.000Z');
    expect(clocks.firstResponse).toMatchObject({ state: 'ok', remainingMs: 30 * 60_000 });
    expect(clocks.resolution).toMatchObject({ state: 'ok', remainingMs: 7.5 * 3600_000 });
  });

  it('marks the first response near breach in its last quarter and breached after', () => {
    expect(slaClocks(base, '2026-01-01T10:50:00.000Z').firstResponse.state).toBe('near');
    const late = slaClocks(base, '2026-01-01T11:10:00.000Z').firstResponse;
    expect(late).toMatchObject({ state: 'breached', remainingMs: -10 * 60_000 });
  });

  it('stops the first-response clock once answered', () => {
    const clocks = slaClocks({ ...base, firstRespondedAt: '2026-01-01T10:20:00.000Z' }, '2026-01-01T12:00:00.000Z');
    expect(clocks.firstResponse).toMatchObject({ state: 'met', remainingMs: 40 * 60_000 });
  });

  it('holds the resolution clock while pending', () => {
    const pending = { ...base, status: 'pending' as const, pendingSince: '2026-01-01T12:00:00.000Z' };
    const soon = slaClocks(pending, '2026-01-01T12:05:00.000Z').resolution;
    const later = slaClocks(pending, '2026-01-01T15:00:00.000Z').resolution;
    expect(soon.state).toBe('paused');
    expect(soon.remainingMs).toBe(6 * 3600_000);
    expect(later.remainingMs).toBe(6 * 3600_000);
  });

  it('freezes the resolution clock at the resolution time', () => {
    const resolved = { ...base, status: 'resolved' as const, resolvedAt: '2026-01-01T17:00:00.000Z' };
    expect(slaClocks(resolved, '2026-01-02T00:00:00.000Z').resolution).toMatchObject({ state: 'met', remainingMs: 3600_000 });
  });
});

describe('formatCountdown', () => {
  it('shows the two largest units', () => {
    expect(formatCountdown(4 * 60_000 + 9_000, 'en')).toBe('4m 9s');
    expect(formatCountdown(3600_000 + 5 * 60_000, 'en')).toBe('1h 5m');
    expect(formatCountdown(-(2 * 86_400_000 + 3 * 3600_000), 'en')).toBe('2d 3h');
  });

  it('uses the unit words of the chosen language', () => {
    const indonesian = formatCountdown(3600_000 + 5 * 60_000, 'id');
    expect(indonesian).not.toBe(formatCountdown(3600_000 + 5 * 60_000, 'en'));
    expect(indonesian).toMatch(/^1\s?j\S* 5\s?m\S*$/);
  });
});
