import { randomUuid } from '../../shared/platform';
import { describe, expect, it } from 'vitest';
import { makeTicket } from '../../tests/support/factories';
import { openMejaDb } from '../db/database';
import { createCacheCallerSource } from './callerTickets';

const greta = { name: 'Greta Vogel', contact: 'ext. 1990' };

describe('the cache as a source of a caller’s earlier tickets', () => {
  it('finds them by name or contact in any case, newest first, and nobody else’s', async () => {
    const db = openMejaDb(`meja-callers-${randomUuid()}`);
    try {
      const tickets = [
        makeTicket({ id: 'a', number: 12, requester: greta, createdAt: '2026-03-01T09:00:00.000Z' }),
        makeTicket({ id: 'b', number: 28, requester: { name: 'greta vogel', contact: null }, createdAt: '2026-03-10T09:00:00.000Z' }),
        makeTicket({ id: 'c', number: 44, requester: { name: 'G. Vogel', contact: 'EXT. 1990' }, createdAt: '2026-03-20T09:00:00.000Z' }),
        makeTicket({ id: 'd', number: 50, requester: { name: 'Greta Vogelsang', contact: 'ext. 19900' }, createdAt: '2026-03-21T09:00:00.000Z' }),
        // Not the same name by the statistics' rule: É is not folded.
        makeTicket({ id: 'e', number: 51, requester: { name: 'GRÉTA VOGEL', contact: null }, createdAt: '2026-03-22T09:00:00.000Z' }),
        makeTicket({ id: 'f', number: 52, requester: { name: 'Gréta Vogel', contact: null }, createdAt: '2026-03-23T09:00:00.000Z' }),
      ];
      await db.tickets.bulkPut(tickets);
      const source = createCacheCallerSource(db);
      const ids = async (name: string, contact: string) => (await source.findCallerTickets({ name, contact })).map((ticket) => ticket.id);
      expect(await ids('GRETA VOGEL ', '')).toEqual(['b', 'a']);
      expect(await ids('', 'ext. 1990')).toEqual(['c', 'a']);
      expect(await ids('Greta Vogel', 'ext. 1990')).toEqual(['c', 'b', 'a']);
      expect(await ids('gréta vogel', '')).toEqual(['f']);
      expect(await ids('Greta', '')).toEqual([]);
      expect(await ids(' ', ' ')).toEqual([]);
    } finally {
      db.close();
      await db.delete();
    }
  });
});
