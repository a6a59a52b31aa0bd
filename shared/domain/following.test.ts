import { describe, expect, it } from 'vitest';
import { makeTicket } from '../../tests/support/factories';
import type { Change } from '../sync/protocol';
import { hasEscalated, isFollower, isFollowing, resolutionsByOthers } from './following';
import type { TicketEvent } from './records';

const ME = 'user-tina';
const SAM = 'user-sam';
const at = '2026-03-02T10:00:00.000Z';

const event = (id: string, actorId: string, payload: Pick<TicketEvent, 'type' | 'data'>, ticketId = 't-1'): TicketEvent =>
  ({ id, ticketId, actorId, at, ...payload }) as TicketEvent;
const putEvent = (data: TicketEvent): Change => ({ entity: 'event', id: data.id, op: 'put', data });
const resolved = (id: string, actorId: string, ticketId = 't-1') =>
  event(id, actorId, { type: 'status_changed', data: { from: 'open', to: 'resolved', resolution: 'Fixed', isReopen: false } }, ticketId);

describe('following', () => {
  it('follows what I created or escalated', () => {
    const escalation = event('e1', ME, { type: 'escalated', data: { fromTier: 1, toTier: 2, reason: 'Needs admin rights' } });
    expect(hasEscalated(ME, [escalation])).toBe(true);
    expect(hasEscalated(SAM, [escalation])).toBe(false);
    expect(hasEscalated(ME, [event('e2', ME, { type: 'assigned', data: { from: ME, to: null } })])).toBe(false);
    expect(isFollower(ME, makeTicket({ createdBy: ME }), false)).toBe(true);
    expect(isFollower(ME, makeTicket({ createdBy: SAM }), true)).toBe(true);
    expect(isFollower(ME, makeTicket({ createdBy: SAM }), false)).toBe(false);
  });

  it('lists in Following only what is not mine and not closed', () => {
    const created = makeTicket({ createdBy: ME });
    expect(isFollowing(ME, { ...created, assigneeId: null }, false)).toBe(true);
    expect(isFollowing(ME, { ...created, assigneeId: SAM, status: 'resolved' }, false)).toBe(true);
    expect(isFollowing(ME, { ...created, assigneeId: ME, status: 'open' }, false)).toBe(false);
    expect(isFollowing(ME, { ...created, assigneeId: SAM, status: 'closed' }, false)).toBe(false);
    expect(isFollowing(ME, makeTicket({ createdBy: SAM, assigneeId: SAM }), false)).toBe(false);
  });

  it('reads resolutions by others from a page, once each, in feed order', () => {
    const changes: Change[] = [
      putEvent(resolved('r1', SAM, 't-1')),
      putEvent(resolved('r2', ME, 't-2')),
      putEvent(event('o1', SAM, { type: 'status_changed', data: { from: 'new', to: 'open', resolution: null, isReopen: false } })),
      putEvent(resolved('r3', SAM, 't-3')),
      putEvent(resolved('r1', SAM, 't-1')),
      { entity: 'event', id: 'gone', op: 'delete', data: null },
    ];
    expect(resolutionsByOthers(changes, ME)).toEqual([
      { eventId: 'r1', ticketId: 't-1', actorId: SAM, at },
      { eventId: 'r3', ticketId: 't-3', actorId: SAM, at },
    ]);
  });
});
