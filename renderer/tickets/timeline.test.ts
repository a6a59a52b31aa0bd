import { describe, expect, it } from 'vitest';
import type { Note, TicketEvent } from '../../shared/domain/records';
import { makeUser } from '../../tests/support/factories';
import { buildTimeline } from './timeline';

const tina = makeUser({ id: 'user-tina', displayName: 'Tina Tier-One' });
const sam = makeUser({ id: 'user-sam', username: 'sam', displayName: 'Sam Second', tier: 2 });
const users = new Map([tina, sam].map((user) => [user.id, user]));
const base = { ticketId: 't1', actorId: tina.id };

describe('ticket timeline', () => {
  it('orders events by time and names actors, assignees and notes', () => {
    const note: Note = { id: 'n1', ticketId: 't1', authorId: tina.id, body: 'Called back, no answer.', visibility: 'internal', createdAt: '2026-03-02T09:10:00.000Z' };
    const events: TicketEvent[] = [
      { ...base, id: 'm3:0', at: '2026-03-02T09:10:00.000Z', type: 'note_added', data: { noteId: 'n1', visibility: 'internal' } },
      { ...base, id: 'm1:0', at: '2026-03-02T09:00:00.000Z', type: 'created', data: { number: null } },
      { ...base, id: 'm2:0', at: '2026-03-02T09:05:00.000Z', type: 'assigned', data: { from: null, to: tina.id } },
      { ...base, id: 'm4:0', at: '2026-03-02T09:20:00.000Z', type: 'escalated', data: { fromTier: 1, toTier: 2, reason: 'Needs admin rights' } },
      { ...base, id: 'm5:0', at: '2026-03-02T09:25:00.000Z', actorId: sam.id, type: 'assigned', data: { from: null, to: tina.id } },
    ];
    const items = buildTimeline(events, [note], users);
    expect(items.map((item) => `${item.actor} ${item.summary}`)).toEqual([
      'Tina Tier-One created the ticket',
      'Tina Tier-One took the ticket',
      'Tina Tier-One added an internal note',
      'Tina Tier-One escalated from tier 1 to tier 2',
      'Sam Second assigned the ticket to Tina Tier-One',
    ]);
    expect(items[2]).toMatchObject({ detail: 'Called back, no answer.', visibility: 'internal' });
    expect(items[3]?.detail).toBe('Needs admin rights');
  });

  it('shows a resolution and marks a reopen', () => {
    const events: TicketEvent[] = [
      { ...base, id: 'a:0', at: '2026-03-02T10:00:00.000Z', type: 'status_changed', data: { from: 'open', to: 'resolved', resolution: 'Replaced toner', isReopen: false } },
      { ...base, id: 'b:0', at: '2026-03-02T11:00:00.000Z', type: 'status_changed', data: { from: 'resolved', to: 'open', resolution: null, isReopen: true } },
    ];
    const items = buildTimeline(events, [], users);
    expect(items[0]).toMatchObject({ summary: 'changed the status from Open to Resolved', detail: 'Replaced toner' });
    expect(items[1]?.summary).toBe('reopened the ticket (was resolved)');
  });
});
