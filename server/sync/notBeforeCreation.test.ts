import { describe, expect, it } from 'vitest';
import { happenedAt, notBeforeCreation } from './push';

describe('dating a pushed change', () => {
  it('dates an offline change when it happened, up to 30 days back', () => {
    const serverNow = Date.parse('2026-03-10T12:00:00.000Z');
    expect(happenedAt(serverNow, '2026-03-10T08:00:00.000Z', '2026-03-10T11:00:00.000Z')).toBe('2026-03-10T09:00:00.000Z');
    expect(happenedAt(serverNow, '2025-01-01T00:00:00.000Z', '2026-03-10T12:00:00.000Z')).toBe('2026-02-08T12:00:00.000Z');
    expect(happenedAt(serverNow)).toBe('2026-03-10T12:00:00.000Z');
  });

  it('never dates a change before the tickets it reads were created', () => {
    const tickets = [{ createdAt: '2026-03-10T10:00:00.000Z' }, { createdAt: '2026-03-09T10:00:00.000Z' }];
    expect(notBeforeCreation('2026-03-10T08:00:00.000Z', tickets)).toBe('2026-03-10T10:00:00.000Z');
    expect(notBeforeCreation('2026-03-10T11:00:00.000Z', tickets)).toBe('2026-03-10T11:00:00.000Z');
    expect(notBeforeCreation('2026-03-10T08:00:00.000Z', [])).toBe('2026-03-10T08:00:00.000Z');
  });
});
