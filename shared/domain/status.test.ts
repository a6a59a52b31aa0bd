import { describe, expect, it } from 'vitest';
import { allowedTransitions, checkTransition, isReopen } from './status';
import { STATUSES, type Status } from './ticket';

const legal: Array<[Status, Status]> = [
  ['new', 'open'],
  ['open', 'pending'],
  ['pending', 'open'],
  ['open', 'resolved'],
  ['resolved', 'closed'],
  ['resolved', 'open'],
  ['closed', 'open'],
];

describe('status transitions', () => {
  it('allows exactly the life cycle edges', () => {
    for (const from of STATUSES) {
      for (const to of STATUSES) {
        const expected = legal.some(([a, b]) => a === from && b === to);
        const result = checkTransition({ from, to, resolution: 'fixed' });
        expect(result.ok, `${from} -> ${to}`).toBe(expected);
      }
    }
  });

  it('explains a refused transition with the allowed ones', () => {
    const result = checkTransition({ from: 'new', to: 'resolved', resolution: 'x' });
    expect(result).toEqual({
      ok: false,
      error: { code: 'invalid_transition', message: 'A new ticket cannot become resolved; it can become open.' },
    });
    const same = checkTransition({ from: 'open', to: 'open' });
    expect(same.ok).toBe(false);
    if (!same.ok) expect(same.error.message).toBe('The ticket is already open.');
  });

  it('needs a resolution text to resolve', () => {
    for (const resolution of [undefined, null, '', '   \n']) {
      const result = checkTransition({ from: 'open', to: 'resolved', resolution });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('resolution_required');
    }
    expect(checkTransition({ from: 'open', to: 'resolved', resolution: 'Replaced the toner' }).ok).toBe(true);
  });

  it('counts resolved/closed -> open as a reopen, nothing else', () => {
    expect(isReopen('resolved', 'open')).toBe(true);
    expect(isReopen('closed', 'open')).toBe(true);
    expect(isReopen('pending', 'open')).toBe(false);
    expect(isReopen('new', 'open')).toBe(false);
    const reopened = checkTransition({ from: 'closed', to: 'open' });
    expect(reopened).toEqual({ ok: true, value: { isReopen: true } });
  });

  it('lists the allowed next statuses for the UI', () => {
    expect(allowedTransitions('open')).toEqual(['pending', 'resolved']);
    expect(allowedTransitions('closed')).toEqual(['open']);
  });
});
