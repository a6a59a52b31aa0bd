import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeTicket } from '../../tests/support/factories';
import { fullAnswer } from '../../tests/support/openingQueue';
import type { Ticket } from '../../shared/domain/ticket';
import { createFirstScreen, firstRowsOf, isFirstScreenQuery, nextFirstRows } from './firstScreen';
import { EMPTY_FILTER } from './queueFilter';
import { DEFAULT_SORT } from './queueSort';

/** Tickets whose update times collide often and whose codes share prefixes: ties decide much of the order. */
const manyTickets = (count: number): Ticket[] =>
  Array.from({ length: count }, (_, i) =>
    makeTicket({ updatedAt: new Date(Date.parse('2026-03-02T09:00:00.000Z') + (i % 37) * 60_000).toISOString(), code: `Q${(i * 7919) % 41}-${i % 3}` }),
  );

describe('the first screen of a restart', () => {
  it('keeps the first rows of the default order, the same as the full index answers, whatever the pages', () => {
    const tickets = manyTickets(1_000);
    const first = createFirstScreen(30);
    for (let from = 0; from < tickets.length; from += 97) first.offer(tickets.slice(from, from + 97));
    expect(first.tickets().map((ticket) => ticket.id)).toEqual(fullAnswer(tickets).slice(0, 30));
  });

  it('keeps every ticket when there are fewer than a screen', () => {
    const tickets = manyTickets(12);
    const first = createFirstScreen(30);
    first.offer(tickets);
    expect(first.tickets().map((ticket) => ticket.id)).toEqual(fullAnswer(tickets));
  });

  it('answers only the queue as it opens', () => {
    expect(isFirstScreenQuery(EMPTY_FILTER, DEFAULT_SORT)).toBe(true);
    expect(isFirstScreenQuery(EMPTY_FILTER, { ...DEFAULT_SORT, direction: 'ascending' })).toBe(false);
    expect(isFirstScreenQuery(EMPTY_FILTER, { column: 'code', direction: 'descending' })).toBe(false);
    expect(isFirstScreenQuery({ ...EMPTY_FILTER, search: 'printer' }, DEFAULT_SORT)).toBe(false);
    expect(isFirstScreenQuery({ ...EMPTY_FILTER, statuses: ['open'] }, DEFAULT_SORT)).toBe(false);
  });
});

describe('the first rows followed through commits', () => {
  it('stay the first rows of the cache, however tickets are written, moved, deleted and cleared', () => {
    const pool = manyTickets(60);
    const op = fc.oneof(
      fc.record({ kind: fc.constant('write' as const), picks: fc.array(fc.tuple(fc.nat(59), fc.nat(40)), { minLength: 1, maxLength: 6 }) }),
      fc.record({ kind: fc.constant('delete' as const), picks: fc.array(fc.tuple(fc.nat(59), fc.constant(0)), { minLength: 1, maxLength: 3 }) }),
      fc.record({ kind: fc.constant('clear' as const), picks: fc.constant([]) }),
    );
    fc.assert(
      fc.property(fc.array(fc.nat(59), { maxLength: 40 }), fc.array(op, { maxLength: 25 }), (initial, ops) => {
        const cache = new Map<string, Ticket>();
        for (const i of initial) cache.set((pool[i] as Ticket).id, pool[i] as Ticket);
        let rows = firstRowsOf([...cache.values()], 8);
        // Since a clear and before any deletion every ticket is known: the rows must not shrink.
        let isKnown = false;
        for (const { kind, picks } of ops) {
          if (kind === 'clear') isKnown = true;
          if (kind === 'delete') isKnown = false;
          const written = new Map<string, Ticket | null>();
          if (kind === 'clear') cache.clear();
          for (const [i, minutes] of picks) {
            const ticket = pool[i] as Ticket;
            if (kind === 'delete') {
              cache.delete(ticket.id);
              written.set(ticket.id, null);
            } else {
              const next = { ...ticket, updatedAt: new Date(Date.parse('2026-03-02T09:00:00.000Z') + minutes * 60_000).toISOString() };
              cache.set(ticket.id, next);
              written.set(ticket.id, next);
            }
          }
          rows = nextFirstRows(rows, { isCleared: kind === 'clear', written }, 8);
          const expected = fullAnswer([...cache.values()]);
          expect(rows.tickets.map((ticket) => ticket.id)).toEqual(expected.slice(0, rows.tickets.length));
          expect(rows.tickets.map((ticket) => cache.get(ticket.id))).toEqual(rows.tickets);
          if (rows.isAll) expect(rows.tickets).toHaveLength(cache.size);
          if (isKnown) expect(rows.tickets).toHaveLength(Math.min(8, cache.size));
        }
      }),
    );
  });
});
