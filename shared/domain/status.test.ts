import { describe, expect, it } from 'vitest';
import { allowedTransitions, checkTransition, isReopen } from './status';
import { STATUSES, type Status } from './ticket';

const legal: Array<[Status, Status]> = [
  ['new', 'open'],
  ['new', 'resolved'],
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
    const result = checkTransition({ from: 'new', to: 'pending' });
    expect(result).toEqual({
      ok: false,
      error: { code: 'invalid_transition', message: 'A new ticket cannot become pending; it can become open or resolved.' },
    });
    const same = checkTransition({ from: 'open', to: 'open' });
    expect(same.ok).toBe(false);
    if (!same.ok) expect(same.error.message).toBe('The ticket is already open.');
  });

  it('needs a resolution text to resolve', () => {
    for (const resolution of [undefined, null, '', '   \n']) {
      for (const from of ['new', 'open'] as const) {
        const result = checkTransition({ from, to: 'resolved', resolution });
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.error.code).toBe('resolution_required');
      }
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
    expect(allowedTransitions('new')).toEqual(['open', 'resolved']);
    expect(allowedTransitions('open')).toEqual(['pending', 'resolved']);
    expect(allowedTransitions('closed')).toEqual(['open']);
  });
});
