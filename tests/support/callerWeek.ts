import { makeTicket, makeUser } from './factories';
import type { TicketEvent } from '../../shared/domain/records';
import type { Ticket } from '../../shared/domain/ticket';
import { historyOf, hoursAfter, playStory, type Step, type Story } from '../../shared/stats/story.testkit';
import type { History } from '../../shared/stats/ticketFacts';

/**
 * A hand-built week of callers' answers, shared by shared/stats/callerWord.test.ts and the server's parity test.
 * The week of Monday 2 March 2026, [Mon 00:00, next Mon 00:00).
 */
export const CALLER_WEEK = { from: '2026-03-02T00:00:00.000Z', to: '2026-03-09T00:00:00.000Z' };

const tina = makeUser({ id: 'u-tina', displayName: 'Tina', tier: 1 });
const tomas = makeUser({ id: 'u-tomas', username: 'tomas', displayName: 'Tomas', tier: 1 });

const story = (id: string, createdAt: string, overrides: Partial<Ticket>, steps: Step[]): Story =>
  playStory(makeTicket({ id, number: id.charCodeAt(0), createdAt, ...overrides }), steps);

/** A caller's answer to the resolution at `resolvedHours` after the ticket's creation, given an hour later. */
const answer = (s: Story, resolvedHours: number, technicianId: string, solved: boolean, rating: number | null): TicketEvent => {
  const resolvedAt = hoursAfter(s.ticket.createdAt, resolvedHours);
  return {
    id: `${s.ticket.id}:answer:${resolvedHours}`,
    ticketId: s.ticket.id,
    actorId: 'caller',
    at: hoursAfter(resolvedAt, 1),
    type: 'caller_answered',
    data: { resolvedAt, solved, rating, comment: solved ? null : 'Still broken', technicianId },
  };
};

export const callerWeek = (): History => {
  // Tina's: A resolved and rated 5; B resolved, answered No (the caller reopened it), resolved again and rated 3.
  const A = story('A', '2026-03-02T09:00:00.000Z', { category: 'printing' }, [
    [0.5, 'take', 'u-tina'],
    [1, 'resolve'],
  ]);
  const B = story('B', '2026-03-02T12:00:00.000Z', { category: 'network' }, [
    [0.5, 'take', 'u-tina'],
    [2, 'resolve'],
    [3, 'reopen'],
    [5, 'resolve'],
  ]);
  // Tomas's: C rated 4; D never answered.
  const C = story('C', '2026-03-03T09:00:00.000Z', { category: 'printing' }, [
    [0.5, 'take', 'u-tomas'],
    [1, 'resolve'],
  ]);
  const D = story('D', '2026-03-04T09:00:00.000Z', { category: 'network' }, [
    [0.5, 'take', 'u-tomas'],
    [1, 'resolve'],
  ]);
  // Resolved the week before, rated 1 this week: it belongs to the week of its resolution.
  const E = story('E', '2026-02-27T09:00:00.000Z', { category: 'printing' }, [
    [0.5, 'take', 'u-tomas'],
    [1, 'resolve'],
  ]);
  const history = historyOf([A, B, C, D, E], [tina, tomas]);
  return {
    ...history,
    events: [
      ...history.events,
      answer(A, 1, 'u-tina', true, 5),
      answer(B, 2, 'u-tina', false, null),
      answer(B, 5, 'u-tina', true, 3),
      answer(C, 1, 'u-tomas', true, 4),
      answer(E, 1, 'u-tomas', true, 1),
    ],
  };
};
