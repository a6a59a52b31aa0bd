import { describe, expect, it } from 'vitest';
import { makeTicket } from '../../tests/support/factories';
import { historyOf, hoursAfter, playStory } from './story.testkit';
import { ticketFacts } from './ticketFacts';
import { computeTopRequesters, rankRequesters } from './topRequesters';

const MONDAY = '2026-03-02T00:00:00.000Z';
const query = { period: { from: MONDAY, to: '2026-03-30T00:00:00.000Z' }, filters: {}, options: { now: '2026-03-30T00:00:00.000Z' } };

/** A ticket of `name` (and contact) in `category`, opened `hours` after MONDAY. */
const call = (id: string, category: string, name: string, contact: string | null, hours: number) =>
  playStory(makeTicket({ id, category, requester: { name, contact }, createdAt: hoursAfter(MONDAY, hours) }), []);

describe('suggested attendees of a training topic', () => {
  const history = historyOf([
    // Greta: 3 access tickets, spelled two ways (the same requester by the repeat-contact rule); her latest spells her name.
    call('a1', 'access', 'greta vogel', 'EXT. 12', 10),
    call('a2', 'access', 'Greta Vogel ', 'ext. 12', 20),
    call('a3', 'access', 'Greta Vogel', 'ext. 12', 30),
    // Hadi: 2 tickets; Ivo: 2 tickets too, his latest later, so he ranks first of the two.
    call('a4', 'access', 'Hadi', null, 11),
    call('a5', 'access', 'Hadi', null, 12),
    call('a6', 'access', 'Ivo', 'ivo@example.com', 13),
    call('a7', 'access', 'Ivo', 'ivo@example.com', 40),
    // Hadi with a contact is another requester: 1 ticket.
    call('a8', 'access', 'Hadi', 'ext. 40', 50),
    // Other categories, and a ticket before the period, do not count.
    call('p1', 'printing', 'Greta Vogel', 'ext. 12', 15),
    call('a0', 'access', 'Jo', null, -5),
  ]);

  it('lists the requesters with the most tickets in each topic in the period, ties by the latest ticket, named as on it', () => {
    expect(computeTopRequesters(ticketFacts(history).values(), query, ['access'])).toEqual([
      { category: 'access', name: 'Greta Vogel', contact: 'ext. 12', tickets: 3 },
      { category: 'access', name: 'Ivo', contact: 'ivo@example.com', tickets: 2 },
      { category: 'access', name: 'Hadi', contact: null, tickets: 2 },
      { category: 'access', name: 'Hadi', contact: 'ext. 40', tickets: 1 },
    ]);
  });

  it('keeps the topics’ order and at most n requesters of each', () => {
    expect(computeTopRequesters(ticketFacts(history).values(), query, ['printing', 'access'], 2).map((r) => [r.category, r.name, r.tickets])).toEqual([
      ['printing', 'Greta Vogel', 1],
      ['access', 'Greta Vogel', 3],
      ['access', 'Ivo', 2],
    ]);
    expect(computeTopRequesters(ticketFacts(history).values(), query, [])).toEqual([]);
  });

  it('ranks groups counted elsewhere (the server’s SQL) the same way, a tie at the same time broken by ticket id', () => {
    const group = (key: string, tickets: number, lastAt: number, lastId: string) => ({ category: 'c', key, tickets, lastAt, lastId });
    expect(rankRequesters([group('x', 2, 5, 't1'), group('y', 2, 5, 't2'), group('z', 3, 1, 't0')], ['c']).map((g) => g.key)).toEqual(['z', 'y', 'x']);
  });
});
