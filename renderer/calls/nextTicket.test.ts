import { describe, expect, it } from 'vitest';
import { STATUSES } from '../../shared/domain/ticket';
import { makeTicket } from '../../tests/support/factories';
import { isTakeable, pickNextTicket } from './nextTicket';

const at = (minute: number) => `2026-03-02T09:${String(minute).padStart(2, '0')}:00.000Z`;

describe('pickNextTicket', () => {
  it('gives the unassigned ticket at my tier that has waited longest', () => {
    const newer = makeTicket({ createdAt: at(30) });
    const oldest = makeTicket({ createdAt: at(10), status: 'open' });
    const middle = makeTicket({ createdAt: at(20) });
    expect(pickNextTicket([newer, oldest, middle], 1)?.id).toBe(oldest.id);
  });

  it('passes over tickets taken, at another tier, or done', () => {
    const taken = makeTicket({ createdAt: at(1), assigneeId: 'someone' });
    const tierTwo = makeTicket({ createdAt: at(2), tier: 2 });
    const resolved = makeTicket({ createdAt: at(3), status: 'resolved' });
    const closed = makeTicket({ createdAt: at(4), status: 'closed' });
    const waiting = makeTicket({ createdAt: at(5), status: 'pending' });
    expect(pickNextTicket([taken, tierTwo, resolved, closed, waiting], 1)?.id).toBe(waiting.id);
    expect(pickNextTicket([taken, tierTwo, resolved, closed, waiting], 2)?.id).toBe(tierTwo.id);
  });

  it('is null when nothing waits at my tier', () => {
    expect(pickNextTicket([makeTicket({ tier: 2 }), makeTicket({ assigneeId: 'someone' })], 1)).toBeNull();
    expect(pickNextTicket([], 3)).toBeNull();
  });

  it('breaks a tie on the creation time by id, so every console picks the same ticket', () => {
    const a = makeTicket({ id: 'ticket-a', createdAt: at(7) });
    const b = makeTicket({ id: 'ticket-b', createdAt: at(7) });
    expect(pickNextTicket([b, a], 1)?.id).toBe('ticket-a');
    expect(pickNextTicket([a, b], 1)?.id).toBe('ticket-a');
  });
});

describe('isTakeable', () => {
  it('holds for new, open and pending tickets only', () => {
    expect(STATUSES.map((status) => isTakeable(makeTicket({ status }), 1))).toEqual([true, true, true, false, false]);
  });
});
