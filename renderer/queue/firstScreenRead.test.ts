import { Dexie } from 'dexie';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeTicket } from '../../tests/support/factories';
import { fullAnswer } from '../../tests/support/openingQueue';
import type { Ticket } from '../../shared/domain/ticket';
import { openMejaDb } from '../db/database';
import { createDexieLocalDb } from '../db/localDb';
import { firstRowsRead } from './firstScreen';
import { readFirstScreen } from './firstScreenRead';
import { trackTicketChanges } from './ticketChanges';

const BASE = Date.parse('2026-03-02T09:00:00.000Z');
/**
 * Update times as a cache gets them: a few minutes apart so they collide often (ties decide the
 * order by code), and from far behind (a change the server dated back to when it was made
 * offline, written long after it) to far ahead (a console whose clock runs a day fast edits).
 */
const updateTime = fc.oneof(
  fc.nat(12).map((minutes) => new Date(BASE + minutes * 60_000).toISOString()),
  fc.constantFrom(new Date(BASE - 20 * 86_400_000).toISOString(), new Date(BASE + 86_400_000).toISOString()),
);

/** A pool of tickets whose codes share prefixes, so the code decides ties in ways an id order would not. */
const pool = Array.from({ length: 40 }, (_, i) => makeTicket({ code: `Q${(i * 7) % 5}-${i % 3}` }));

const write = fc.oneof(
  fc.record({ kind: fc.constant('put' as const), picks: fc.array(fc.tuple(fc.nat(39), updateTime), { minLength: 1, maxLength: 6 }) }),
  fc.record({ kind: fc.constant('drop' as const), picks: fc.array(fc.tuple(fc.nat(39), fc.constant('')), { minLength: 1, maxLength: 3 }) }),
);

describe('the first screen read through the update-time index', () => {
  it('is always the complete queue’s first rows, whatever was written, dated back, dated ahead or dropped', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(write, { maxLength: 12 }), fc.integer({ min: 1, max: 10 }), async (writes, rows) => {
        const db = openMejaDb(`first-read-${(run += 1)}-${Math.random()}`);
        try {
          const { db: local } = trackTicketChanges(createDexieLocalDb(db));
          const cache = new Map<string, Ticket>();
          for (const { kind, picks } of writes) {
            await local.transaction(async (tx) => {
              if (kind === 'drop') {
                const ids = picks.map(([i]) => (pool[i] as Ticket).id);
                for (const id of ids) cache.delete(id);
                await tx.deleteMany('ticket', ids);
                return;
              }
              const written = picks.map(([i, updatedAt]) => ({ ...(pool[i] as Ticket), updatedAt }));
              for (const ticket of written) cache.set(ticket.id, ticket);
              await tx.putMany('ticket', written);
            });
          }
          const first = await readFirstScreen(db, rows);
          const expected = fullAnswer([...cache.values()]);
          // Every row the queue would show first, in its order, as the cache holds it, and nothing dropped.
          expect(first.tickets.map((ticket) => ticket.id)).toEqual(expected.slice(0, rows));
          expect(first.tickets.map((ticket) => cache.get(ticket.id))).toEqual(first.tickets);
          expect(first.isAll).toBe(cache.size < rows);
        } finally {
          db.close();
          await Dexie.delete(db.name);
        }
      }),
      { numRuns: 60 },
    );
  }, 60_000);

  it('orders the tickets tied with the last one read by code, as the queue does, not by id as the index does', () => {
    const at = '2026-03-02T09:00:00.000Z';
    const later = makeTicket({ code: 'AAAA-0001', updatedAt: '2026-03-02T09:01:00.000Z' });
    // The index gives the tie with the highest id first; the queue puts the highest code first.
    const tiedHighId = makeTicket({ id: 'ffff', code: 'AAAA-0002', updatedAt: at });
    const tiedLowId = makeTicket({ id: '0000', code: 'ZZZZ-0002', updatedAt: at });
    expect(firstRowsRead([later, tiedHighId], [tiedHighId, tiedLowId], 2)).toEqual({ tickets: [later, tiedLowId], isAll: false });
  });
});
