import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeDueTimes, DEFAULT_SLA_POLICY, effectiveResolutionDue, isFirstResponseBreached, nextDeadline, pauseClock, resumeClock, slaState } from './sla';

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

describe('the next deadline', () => {
  // High priority, created 09:00: first response due 10:00, resolution due 17:00.
  const fresh = { ...base(), status: 'new' as const, firstRespondedAt: null };
  const at = (time: string) => `2026-03-02T${time}:00.000Z`;

  it('is the first response until there is one, even while the resolution is the one paused', () => {
    expect(nextDeadline(fresh, at('09:30'))).toEqual({ target: 'firstResponse', dueAt: at('10:00'), state: 'ok' });
    expect(nextDeadline(fresh, at('09:50'))).toMatchObject({ target: 'firstResponse', state: 'near' });
    // Overdue and still owed: it stays the deadline to act on, breached.
    expect(nextDeadline(fresh, at('11:00'))).toEqual({ target: 'firstResponse', dueAt: at('10:00'), state: 'breached' });
    const pendingUnanswered = { ...fresh, status: 'pending' as const, pendingSince: at('09:10') };
    expect(nextDeadline(pendingUnanswered, at('09:20'))).toMatchObject({ target: 'firstResponse', dueAt: at('10:00'), state: 'ok' });
  });

  it('is the resolution once someone responded, pushed back by a running pause', () => {
    const answered = { ...fresh, status: 'open' as const, firstRespondedAt: at('09:05') };
    expect(nextDeadline(answered, at('09:30'))).toEqual({ target: 'resolution', dueAt: at('17:00'), state: 'ok' });
    expect(nextDeadline(answered, at('16:00'))).toMatchObject({ state: 'near' });
    expect(nextDeadline(answered, at('17:01'))).toMatchObject({ state: 'breached' });
    const pending = { ...answered, status: 'pending' as const, pendingSince: at('10:00') };
    expect(nextDeadline(pending, at('12:00'))).toEqual({ target: 'resolution', dueAt: at('19:00'), state: 'paused' });
  });

  it('is none for a resolved or closed ticket, answered or not', () => {
    for (const status of ['resolved', 'closed'] as const) {
      expect(nextDeadline({ ...fresh, status }, at('09:30'))).toBeNull();
      expect(nextDeadline({ ...fresh, status, firstRespondedAt: at('09:05') }, at('20:00'))).toBeNull();
    }
  });

  it('judges the resolution as slaState does (property)', () => {
    const minutes = fc.integer({ min: 0, max: 24 * 60 });
    fc.assert(
      fc.property(minutes, fc.option(minutes, { nil: null }), fc.boolean(), (nowAfter, pausedAfter, isPending) => {
        const minute = (n: number) => new Date(Date.parse(created) + n * 60_000).toISOString();
        const pendingSince = isPending && pausedAfter !== null ? minute(Math.min(pausedAfter, nowAfter)) : null;
        const ticket = { ...base(), status: pendingSince === null ? ('open' as const) : ('pending' as const), pendingSince, firstRespondedAt: created };
        const now = minute(nowAfter);
        const deadline = nextDeadline(ticket, now);
        expect(deadline).toEqual({ target: 'resolution', dueAt: effectiveResolutionDue(ticket, now), state: slaState(ticket, now) });
      }),
    );
  });
});
