import { randomUuid } from '../../shared/platform';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { makeTicket } from '../../tests/support/factories';
import { openCache, openMejaDb, SCHEMA_V1 } from './database';

describe('the cache schema', () => {
  it('upgrades a version 2 cache to version 3 with every ticket and unsent change kept, and only the read indexes left', async () => {
    const name = `meja-upgrade-${randomUuid()}`;
    const old = new Dexie(name);
    old.version(1).stores(SCHEMA_V1);
    old.version(2).stores({ statsCache: 'key' });
    const ticket = makeTicket({ title: 'Written by version 2' });
    await old.table('tickets').put(ticket);
    await old.table('outbox').add({ id: 'm1', name: 'ticket:update', args: { id: ticket.id, title: 'Unsent' }, at: ticket.createdAt, actorId: 'u1', state: 'pending', touched: [`ticket/${ticket.id}`] });
    old.close();

    const db = openMejaDb(name);
    try {
      await db.open();
      expect(db.verno).toBe(3);
      expect(await db.tickets.get(ticket.id)).toEqual(ticket);
      expect((await db.outbox.toArray()).map((entry) => [entry.id, entry.state])).toEqual([['m1', 'pending']]);
      expect(db.tickets.schema.indexes.map((index) => index.name).sort()).toEqual(['category', 'code', 'status']);
      // The lookups the console makes still work.
      expect((await db.tickets.where('code').equals(ticket.code).first())?.id).toBe(ticket.id);
      expect(await db.tickets.where('status').anyOf(['new']).count()).toBe(1);
    } finally {
      db.close();
      await Dexie.delete(name);
    }
  });

  it('refuses a cache a newer Meja wrote, naming it so, and leaves every unsent change in it', async () => {
    const name = `meja-newer-${randomUuid()}`;
    const newer = new Dexie(name);
    newer.version(1).stores(SCHEMA_V1);
    newer.version(2).stores({ statsCache: 'key' });
    newer.version(3).stores({ tickets: 'id, code, status, category' });
    newer.version(9).stores({ tickets: 'id, code', somethingNew: 'key' });
    await newer.table('outbox').add({ id: 'm1', name: 'ticket:update', args: { id: 't1', title: 'Unsent' }, at: '2026-03-02T09:00:00.000Z', actorId: 'u1', state: 'pending', touched: ['ticket/t1'] });
    newer.close();

    const db = openMejaDb(name);
    expect(await openCache(db)).toBe('newer');
    expect(db.isOpen()).toBe(false);
    // Its own cache, at this code's version, opens as usual.
    const own = openMejaDb(`meja-own-${randomUuid()}`);
    expect(await openCache(own)).toBe('ok');
    own.close();
    await own.delete();

    const again = new Dexie(name);
    try {
      await again.open();
      expect(Math.floor(again.verno)).toBe(9);
      expect((await again.table('outbox').toArray()).map((entry: { id: string; state: string }) => [entry.id, entry.state])).toEqual([['m1', 'pending']]);
    } finally {
      again.close();
      await Dexie.delete(name);
    }
  });
});
