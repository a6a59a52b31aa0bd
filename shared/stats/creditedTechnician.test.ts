import { describe, expect, it } from 'vitest';
import { makeTicket } from '../../tests/support/factories';
import { playStory } from './story.testkit';
import { creditedTechnician, ticketFacts } from './ticketFacts';

const START = '2026-03-02T09:00:00.000Z';

describe('creditedTechnician', () => {
  it('is the assignee at the last resolution, not whoever holds the ticket now', () => {
    const story = playStory(makeTicket({ id: 'a', createdAt: START }), [
      [1, 'take', 'u-tina'],
      [2, 'resolve'],
      [3, 'assign', 'u-sam'],
    ]);
    expect(story.ticket.assigneeId).toBe('u-sam');
    expect(creditedTechnician(story.ticket, story.events)).toBe('u-tina');
  });
  it('reads the timeline in time order whatever order it is given in, as the statistics do', () => {
    const story = playStory(makeTicket({ id: 'b', createdAt: START }), [
      [1, 'take', 'u-tina'],
      [2, 'assign', null],
      [3, 'resolve'],
      [4, 'reopen'],
      [5, 'take', 'u-rita'],
      [6, 'resolve'],
    ]);
    const shuffled = [...story.events].reverse();
    expect(creditedTechnician(story.ticket, shuffled)).toBe('u-rita');
    expect(creditedTechnician(story.ticket, shuffled)).toBe(
      ticketFacts({ tickets: [story.ticket], events: story.events, sessions: [], users: [] }).get('b')?.creditedTo,
    );
  });
  it('credits nobody for an open ticket or one unassigned at its resolution, and the stored assignee without assignments', () => {
    const open = playStory(makeTicket({ id: 'c', createdAt: START }), [[1, 'take', 'u-tina']]);
    expect(creditedTechnician(open.ticket, open.events)).toBeNull();
    const unassigned = playStory(makeTicket({ id: 'd', createdAt: START }), [
      [1, 'take', 'u-tina'],
      [2, 'assign', null],
      [3, 'resolve'],
    ]);
    expect(creditedTechnician(unassigned.ticket, unassigned.events)).toBeNull();
    const imported = makeTicket({ id: 'e', status: 'closed', assigneeId: 'u-tomas', resolvedAt: START });
    expect(creditedTechnician(imported, [])).toBe('u-tomas');
  });
});
