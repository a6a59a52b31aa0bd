import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { openMejaDb, type MejaDb } from '../db/database';
import { createDexieLocalDb } from '../db/localDb';
import { makeTicket } from '../../tests/support/factories';
import { TICKETS_STAMP, trackTicketChanges, type TicketChange } from './ticketChanges';

let db: MejaDb | null = null;
afterEach(async () => {
  db?.close();
  if (db !== null) await Dexie.delete(db.name);
});

describe('ticket changes', () => {
  it('reports the ticket ids each committed transaction wrote, and nothing for aborted ones', async () => {
    db = openMejaDb(`changes-${Math.random()}`);
    const { db: local, changes } = trackTicketChanges(createDexieLocalDb(db));
    const seen: TicketChange[] = [];
    changes.subscribe((change) => seen.push(change));
    const tickets = Array.from({ length: 120 }, () => makeTicket());
    const firstId = tickets[0]?.id ?? '';

    await local.transaction((tx) => tx.putMany('ticket', tickets));
    await local.transaction((tx) => tx.deleteMany('ticket', [firstId]));
    await local.transaction((tx) => tx.setMeta('cursor', 'x'));
    await local.transaction((tx) =>
      tx.putMany('event', [{ id: 'e-1', ticketId: firstId, actorId: 'u-1', at: '2026-03-02T10:00:00.000Z', type: 'created', data: { number: 1 } }]),
    );
    await expect(
      local.transaction(async (tx) => {
        await tx.putMany('ticket', [makeTicket()]);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await local.transaction((tx) => tx.clearEntities());

    // Each commit that wrote tickets is numbered in order; the aborted one took no number.
    expect(seen).toEqual([
      { kind: 'some', written: new Map(tickets.map((ticket) => [ticket.id, ticket])), timelines: new Set(), stamp: 1 },
      { kind: 'some', written: new Map([[firstId, null]]), timelines: new Set(), stamp: 2 },
      { kind: 'some', written: new Map(), timelines: new Set([firstId]) },
      { kind: 'all', stamp: 3 },
    ]);
    expect(await db.tickets.count()).toBe(0);
    expect((await db.meta.get(TICKETS_STAMP))?.value).toBe('3');
  });
});
