import { Dexie } from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeTicket } from '../../tests/support/factories';
import type { Ticket } from '../../shared/domain/ticket';
import { openMejaDb, type MejaDb } from '../db/database';
import { createDexieLocalDb } from '../db/localDb';
import { firstRowsOf } from './firstScreen';
import { createFirstScreenKeeper } from './firstScreenKeeper';
import { readFirstRows } from './firstScreenStore';
import { trackTicketChanges, type TicketChange } from './ticketChanges';

let db: MejaDb | null = null;
afterEach(async () => {
  db?.close();
  if (db !== null) await Dexie.delete(db.name);
});

const at = (minutes: number) => new Date(Date.parse('2026-03-02T09:00:00.000Z') + minutes * 60_000).toISOString();

describe('the first screen keeper', () => {
  it('applies commits heard out of order in the order they were made, and keeps nothing while one is missing', async () => {
    db = openMejaDb(`keeper-${Math.random()}`);
    const { db: local, commits } = trackTicketChanges(createDexieLocalDb(db));
    const heard: TicketChange[] = [];
    commits.subscribe((change) => heard.push(change));
    const tickets = Array.from({ length: 150 }, (_, i) => makeTicket({ updatedAt: at(i) }));
    await local.transaction((tx) => tx.putMany('ticket', tickets));
    const keeper = createFirstScreenKeeper(db, 5);
    keeper.start(firstRowsOf(tickets), 1);
    await vi.waitFor(async () => expect(await readFirstRows(db as MejaDb)).toMatchObject({ at: 1 }));

    // Two commits of the same ticket: the later one must win.
    const target = tickets[0] as Ticket;
    await local.transaction((tx) => tx.putMany('ticket', [{ ...target, title: 'First', updatedAt: at(500) }]));
    await local.transaction((tx) => tx.putMany('ticket', [{ ...target, title: 'Second', updatedAt: at(400) }]));
    const [second, third] = heard.slice(1);
    if (second === undefined || third === undefined) throw new Error('two commits were heard');
    keeper.hear(third);
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Stamp 3 without stamp 2: what is kept is still as of stamp 1, which is no longer the cache's.
    expect(await readFirstRows(db)).toBeNull();
    keeper.hear(second);
    await vi.waitFor(async () => expect(await readFirstRows(db as MejaDb)).toMatchObject({ at: 3 }));
    const kept = await readFirstRows(db);
    const titled = kept?.tickets.find((ticket) => ticket.id === target.id);
    expect(titled?.title).toBe('Second');
    expect(kept?.tickets.map((ticket) => ticket.id)).toEqual(firstRowsOf([...(await db.tickets.toArray())]).tickets.map((ticket) => ticket.id));
    keeper.stop();
  });
});
