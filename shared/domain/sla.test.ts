import { describe, expect, it } from 'vitest';
import {
  computeDueTimes,
  DEFAULT_SLA_POLICY,
  effectiveResolutionDue,
  isFirstResponseBreached,
  pauseClock,
  resumeClock,
  slaState,
} from './sla';

const created = '2026-03-02T09:00:00.000Z';

const base = () => ({
  createdAt: created,
  priority: 'high' as const,
  status: 'open' as const,
  resolvedAt: null,
  pendingSince: null,
  pausedMs: 0,
  ...computeDueTimes(created, 'high', 0),
});

describe('SLA clocks', () => {
  it('computes due times from creation and the priority targets', () => {
    expect(computeDueTimes(created, 'urgent', 0)).toEqual({
      firstResponseDueAt: '2026-03-02T09:15:00.000Z',
      resolutionDueAt: '2026-03-02T13:00:00.000Z',
    });
    expect(computeDueTimes(created, 'low', 0).resolutionDueAt).toBe('2026-03-05T09:00:00.000Z');
  });

  it('takes targets from the policy it is given', () => {
    const policy = { ...DEFAULT_SLA_POLICY, normal: { firstResponseMinutes: 1, resolutionMinutes: 2 } };
    expect(computeDueTimes(created, 'normal', 0, policy)).toEqual({
      firstResponseDueAt: '2026-03-02T09:01:00.000Z',
      resolutionDueAt: '2026-03-02T09:02:00.000Z',
    });
  });

  it('pauses the resolution clock while pending and moves the due time by the paused time', () => {
    const paused = pauseClock(base(), '2026-03-02T10:00:00.000Z');
    expect(paused.pendingSince).toBe('2026-03-02T10:00:00.000Z');
    // Pausing twice keeps the first start.
    expect(pauseClock(paused, '2026-03-02T10:30:00.000Z').pendingSince).toBe('2026-03-02T10:00:00.000Z');
    expect(effectiveResolutionDue(paused, '2026-03-02T12:00:00.000Z')).toBe('2026-03-02T19:00:00.000Z');
    const resumed = resumeClock(paused, '2026-03-02T12:00:00.000Z');
    expect(resumed.pendingSince).toBeNull();
    expect(resumed.pausedMs).toBe(2 * 3_600_000);
    expect(resumed.resolutionDueAt).toBe('2026-03-02T19:00:00.000Z');
    expect(resumed.firstResponseDueAt).toBe('2026-03-02T10:00:00.000Z');
  });

  it('accumulates several pauses', () => {
    let t = pauseClock(base(), '2026-03-02T10:00:00.000Z');
    t = resumeClock(t, '2026-03-02T10:30:00.000Z');
    t = pauseClock(t, '2026-03-02T11:00:00.000Z');
    t = resumeClock(t, '2026-03-02T11:15:00.000Z');
    expect(t.pausedMs).toBe(45 * 60_000);
    expect(t.resolutionDueAt).toBe('2026-03-02T17:45:00.000Z');
  });

  it('classifies ok, near, breached, paused and met', () => {
    const t = base(); // due 17:00, 8 h target, near within the last 2 h
    expect(slaState(t, '2026-03-02T10:00:00.000Z')).toBe('ok');
    expect(slaState(t, '2026-03-02T15:30:00.000Z')).toBe('near');
    expect(slaState(t, '2026-03-02T17:00:01.000Z')).toBe('breached');
    expect(slaState(pauseClock(t, '2026-03-02T10:00:00.000Z'), '2026-03-02T18:00:00.000Z')).toBe('paused');
    expect(slaState({ ...t, status: 'resolved', resolvedAt: '2026-03-02T16:00:00.000Z' }, '2026-03-09T00:00:00.000Z')).toBe('met');
    expect(slaState({ ...t, status: 'closed', resolvedAt: '2026-03-02T18:00:00.000Z' }, '2026-03-09T00:00:00.000Z')).toBe('breached');
  });

  it('tells whether the first response is late', () => {
    const t = { firstResponseDueAt: '2026-03-02T10:00:00.000Z', firstRespondedAt: null };
    expect(isFirstResponseBreached(t, '2026-03-02T09:59:00.000Z')).toBe(false);
    expect(isFirstResponseBreached(t, '2026-03-02T10:01:00.000Z')).toBe(true);
    expect(isFirstResponseBreached({ ...t, firstRespondedAt: '2026-03-02T09:30:00.000Z' }, '2026-03-03T00:00:00.000Z')).toBe(false);
  });
});
