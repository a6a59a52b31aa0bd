import { randomUuid } from '../../shared/platform';
import { Dexie, type DBCore, type Middleware } from 'dexie';
import { describe, expect, it } from 'vitest';
import type { TicketEvent } from '../../shared/domain/records';
import type { RejectedChange } from '../../shared/sync/localStore';
import { makeTicket } from '../../tests/support/factories';
import {
  ARTICLE_INDEXES_V7,
  ARTICLE_VERSION_INDEXES_V7,
  CACHE_VERSION,
  CLASS_INDEXES_V8,
  EVENT_INDEXES_V5,
  openCache,
  openMejaDb,
  REJECTED_INDEXES_V4,
  REPLY_INDEXES_V6,
  SCHEMA_V1,
  TICKET_INDEXES_V3,
  TICKET_INDEXES_V6,
} from './database';
import { createDexieLocalDb } from './localDb';
import { ticketRejected } from './rejectedRow';

/** The ticket indexes of the newest cache: what the console looks tickets up by. */
const TICKET_INDEX_NAMES = ['category', 'code', 'requester.contact', 'requester.name', 'status', 'updatedAt'];

const refused = (id: string, name: RejectedChange['name'], args: unknown, rejectedAt: string): RejectedChange => ({
  id,
  name,
  args,
  at: '2026-03-02T09:30:00.000Z',
  error: { code: 'conflict', message: 'Refused.' },
  rejectedAt,
});

/** Every table of a cache as it is on disk: its version, keys, indexes and rows. */
const snapshot = async (db: Dexie) => ({
  version: db.verno,
  tables: Object.fromEntries(
    await Promise.all(
      db.tables.map(
        async (table) =>
          [
            table.name,
            { primKey: table.schema.primKey.name, indexes: table.schema.indexes.map((index) => index.name).sort(), rows: await table.toArray() },
          ] as const,
      ),
    ),
  ),
});

/** Opens a cache without declaring a schema, so Dexie reads what is on disk and changes nothing. */
const onDisk = async (name: string) => {
  const db = new Dexie(name);
  await db.open();
  try {
    return await snapshot(db);
  } finally {
    db.close();
  }
};

/**
 * A cache as version 3 of the console left it: unsent and acknowledged changes, the bases and
 * bookkeeping they need, and refused changes about two tickets and about none.
 */
const writeVersion3Cache = async (name: string) => {
  const db = new Dexie(name);
  db.version(1).stores(SCHEMA_V1);
  db.version(2).stores({ statsCache: 'key' });
  db.version(3).stores({ tickets: TICKET_INDEXES_V3 });
  const printer = makeTicket({ title: 'Printer jams' });
  const vpn = makeTicket({ title: 'VPN drops' });
  await db.table('tickets').bulkPut([printer, vpn]);
  await db.table('outbox').bulkAdd([
    {
      id: 'm1',
      name: 'ticket:update',
      args: { id: printer.id, title: 'Unsent' },
      at: '2026-03-02T11:00:00.000Z',
      actorId: 'u1',
      state: 'pending',
      touched: [`ticket/${printer.id}`],
    },
    {
      id: 'm2',
      name: 'note:add',
      args: { id: 'n1', ticketId: vpn.id, body: 'Sent', visibility: 'internal' },
      at: '2026-03-02T10:59:00.000Z',
      actorId: 'u1',
      state: 'acked',
      touched: ['note/n1'],
    },
  ]);
  await db.table('bases').put({ key: `ticket/${printer.id}`, entity: 'ticket', id: printer.id, data: { ...printer, title: 'Printer jams' } });
  await db.table('meta').bulkPut([
    { key: 'clientId', value: 'client-1' },
    { key: 'cursor', value: '1234' },
  ]);
  const rejected = [
    refused('r1', 'ticket:transition', { id: printer.id, from: 'open', to: 'pending' }, '2026-03-02T10:00:00.000Z'),
    refused('r2', 'note:add', { id: 'n2', ticketId: vpn.id, body: 'Rebooted', visibility: 'internal' }, '2026-03-02T10:01:00.000Z'),
    refused('r3', 'ticket:update', { id: printer.id, title: 'Printer jams on tray 2' }, '2026-03-02T10:02:00.000Z'),
    refused('r4', 'note:add', null, '2026-03-02T10:03:00.000Z'),
  ];
  await db.table('rejected').bulkPut(rejected);
  const written = await snapshot(db);
  db.close();
  return { written, printer, vpn, rejected };
};

/** A full disk, as IndexedDB reports one: the migration's write of refused changes fails after it was made. */
const diskFullOnRejected: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'disk-full-on-rejected',
  create: (down) => ({
    ...down,
    table: (tableName) => {
      const table = down.table(tableName);
      if (tableName !== 'rejected') return table;
      return {
        ...table,
        mutate: async (request) => {
          await table.mutate(request);
          throw new DOMException('The disk is full.', 'QuotaExceededError');
        },
      };
    },
  }),
};

/** Declares the schema of versions 1 to 7 on a database, as the console of version 7 did. */
const declareUpTo7 = (old: Dexie) => {
  old.version(1).stores(SCHEMA_V1);
  old.version(2).stores({ statsCache: 'key' });
  old.version(3).stores({ tickets: TICKET_INDEXES_V3 });
  old.version(4).stores({ rejected: REJECTED_INDEXES_V4 });
  old.version(5).stores({ events: EVENT_INDEXES_V5 });
  old.version(6).stores({ tickets: TICKET_INDEXES_V6, replies: REPLY_INDEXES_V6 });
  old.version(7).stores({ articles: ARTICLE_INDEXES_V7, articleVersions: ARTICLE_VERSION_INDEXES_V7 });
};

describe('the cache schema', () => {
  it('upgrades a version 2 cache through version 3 with every ticket and unsent change kept, and only the read indexes left', async () => {
    const name = `meja-upgrade-${randomUuid()}`;
    const old = new Dexie(name);
    old.version(1).stores(SCHEMA_V1);
    old.version(2).stores({ statsCache: 'key' });
    const ticket = makeTicket({ title: 'Written by version 2' });
    await old.table('tickets').put(ticket);
    await old.table('outbox').add({
      id: 'm1',
      name: 'ticket:update',
      args: { id: ticket.id, title: 'Unsent' },
      at: ticket.createdAt,
      actorId: 'u1',
      state: 'pending',
      touched: [`ticket/${ticket.id}`],
    });
    old.close();

    const db = openMejaDb(name);
    try {
      await db.open();
      expect(db.verno).toBe(CACHE_VERSION);
      expect(await db.tickets.get(ticket.id)).toEqual(ticket);
      expect((await db.outbox.toArray()).map((entry) => [entry.id, entry.state])).toEqual([['m1', 'pending']]);
      expect(db.tickets.schema.indexes.map((index) => index.name).sort()).toEqual(TICKET_INDEX_NAMES);
      // The lookups the console makes still work.
      expect((await db.tickets.where('code').equals(ticket.code).first())?.id).toBe(ticket.id);
      expect(await db.tickets.where('status').anyOf(['new']).count()).toBe(1);
    } finally {
      db.close();
      await Dexie.delete(name);
    }
  });

  it('upgrades a version 3 cache to version 4 and on: every unsent change, base and bookkeeping row kept, each refused change indexed by its ticket', async () => {
    const name = `meja-v3-${randomUuid()}`;
    const { written, printer, vpn, rejected } = await writeVersion3Cache(name);

    const db = openMejaDb(name);
    try {
      expect(await openCache(db)).toBe('ok');
      const upgraded = await snapshot(db);
      expect(upgraded.version).toBe(CACHE_VERSION);
      for (const table of ['outbox', 'bases', 'meta', 'notes', 'sessions', 'users', 'statsCache']) {
        expect(upgraded.tables[table], table).toEqual(written.tables[table]);
      }
      expect(upgraded.tables.tickets?.rows).toEqual(written.tables.tickets?.rows);
      expect(upgraded.tables.tickets?.indexes).toEqual(TICKET_INDEX_NAMES);
      expect(upgraded.tables.events?.rows).toEqual(written.tables.events?.rows);
      const [r1, r2, r3, r4] = rejected;
      expect(upgraded.tables.rejected?.rows).toEqual([{ ...r1, ticketId: printer.id }, { ...r2, ticketId: vpn.id }, { ...r3, ticketId: printer.id }, r4]);
      expect(upgraded.tables.rejected?.indexes).toEqual(['[ticketId+rejectedAt]', 'rejectedAt']);
      // What a ticket's panel reads: its own, newest first; the change about no ticket is in no ticket's list.
      expect((await ticketRejected(db, printer.id)).map((row) => row.id)).toEqual(['r3', 'r1']);
      expect((await ticketRejected(db, vpn.id)).map((row) => row.id)).toEqual(['r2']);
      expect(await db.rejected.orderBy('[ticketId+rejectedAt]').count()).toBe(3);
      expect((await db.rejected.orderBy('rejectedAt').toArray()).map((row) => row.id)).toEqual(['r1', 'r2', 'r3', 'r4']);

      // A refusal stored after the upgrade is indexed the same way.
      await createDexieLocalDb(db).transaction((tx) =>
        tx.addRejected([refused('r5', 'ticket:assign', { id: vpn.id, assigneeId: 'u2' }, '2026-03-02T10:04:00.000Z')]),
      );
      expect((await ticketRejected(db, vpn.id)).map((row) => row.id)).toEqual(['r5', 'r2']);
    } finally {
      db.close();
      await Dexie.delete(name);
    }
  });

  it('upgrades a version 4 cache to version 5: every event kept, and only escalations in the index that finds who escalated what', async () => {
    const name = `meja-v4-${randomUuid()}`;
    const old = new Dexie(name);
    old.version(1).stores(SCHEMA_V1);
    old.version(2).stores({ statsCache: 'key' });
    old.version(3).stores({ tickets: TICKET_INDEXES_V3 });
    old.version(4).stores({ rejected: 'id, rejectedAt, [ticketId+rejectedAt]' });
    const at = '2026-03-02T10:00:00.000Z';
    const events: TicketEvent[] = [
      { id: 'e1', ticketId: 't1', actorId: 'tina', at, type: 'created', data: { number: 1 } },
      { id: 'e2', ticketId: 't1', actorId: 'tina', at, type: 'escalated', data: { fromTier: 1, toTier: 2, reason: 'Needs admin rights' } },
      { id: 'e3', ticketId: 't1', actorId: 'tina', at, type: 'assigned', data: { from: 'tina', to: null } },
      { id: 'e4', ticketId: 't2', actorId: 'sam', at, type: 'escalated', data: { fromTier: 2, toTier: 3, reason: 'Vendor fault' } },
      { id: 'e5', ticketId: 't2', actorId: 'tina', at, type: 'status_changed', data: { from: 'open', to: 'resolved', resolution: 'Done', isReopen: false } },
    ];
    await old.table('events').bulkPut(events);
    old.close();

    const db = openMejaDb(name);
    try {
      expect(await openCache(db)).toBe('ok');
      expect(db.verno).toBe(CACHE_VERSION);
      expect(await db.events.orderBy('id').toArray()).toEqual(events);
      expect((await db.events.orderBy('[actorId+data.toTier]').primaryKeys()).sort()).toEqual(['e2', 'e4']);
      const byTina = await db.events.where('[actorId+data.toTier]').between(['tina', Dexie.minKey], ['tina', Dexie.maxKey]).toArray();
      expect(byTina.map((event) => event.ticketId)).toEqual(['t1']);
    } finally {
      db.close();
      await Dexie.delete(name);
    }
  });

  it('upgrades a version 5 cache to version 6: every ticket kept, found by its requester, and an empty table of canned replies', async () => {
    const name = `meja-v5-${randomUuid()}`;
    const old = new Dexie(name);
    old.version(1).stores(SCHEMA_V1);
    old.version(2).stores({ statsCache: 'key' });
    old.version(3).stores({ tickets: TICKET_INDEXES_V3 });
    old.version(4).stores({ rejected: REJECTED_INDEXES_V4 });
    old.version(5).stores({ events: EVENT_INDEXES_V5 });
    const greta = makeTicket({ requester: { name: 'Greta Vogel', contact: 'ext. 1990' } });
    const gretaAgain = makeTicket({ requester: { name: 'GRETA VOGEL', contact: null } });
    const jonas = makeTicket({ requester: { name: 'Jonas Berg', contact: 'jonas@example.com' } });
    await old.table('tickets').bulkPut([greta, gretaAgain, jonas]);
    old.close();

    const db = openMejaDb(name);
    try {
      expect(await openCache(db)).toBe('ok');
      expect(db.verno).toBe(CACHE_VERSION);
      expect(await db.tickets.orderBy('id').toArray()).toEqual([greta, gretaAgain, jonas].sort((a, b) => a.id.localeCompare(b.id)));
      expect(await db.replies.count()).toBe(0);
      const byName = await db.tickets.where('requester.name').equalsIgnoreCase('greta vogel').primaryKeys();
      expect(byName.sort()).toEqual([greta.id, gretaAgain.id].sort());
      // A ticket without a contact is not in the contact index at all.
      expect((await db.tickets.orderBy('requester.contact').primaryKeys()).sort()).toEqual([greta.id, jonas.id].sort());
    } finally {
      db.close();
      await Dexie.delete(name);
    }
  });

  it('upgrades a version 6 cache to version 7: tickets, replies and the outbox kept, and empty article tables with their indexes', async () => {
    const name = `meja-v6-${randomUuid()}`;
    const old = new Dexie(name);
    old.version(1).stores(SCHEMA_V1);
    old.version(2).stores({ statsCache: 'key' });
    old.version(3).stores({ tickets: TICKET_INDEXES_V3 });
    old.version(4).stores({ rejected: REJECTED_INDEXES_V4 });
    old.version(5).stores({ events: EVENT_INDEXES_V5 });
    old.version(6).stores({ tickets: TICKET_INDEXES_V6, replies: REPLY_INDEXES_V6 });
    const ticket = makeTicket();
    const reply = { id: 'r1', title: 'Hi', body: 'Hello', createdBy: 'sue', createdAt: ticket.createdAt, updatedBy: 'sue', updatedAt: ticket.createdAt };
    await old.table('tickets').put(ticket);
    await old.table('replies').put(reply);
    await old
      .table('outbox')
      .add({ id: 'm1', name: 'ticket:update', args: { id: ticket.id, title: 'x' }, at: ticket.createdAt, actorId: 'u', state: 'pending' });
    old.close();

    const db = openMejaDb(name);
    try {
      expect(await openCache(db)).toBe('ok');
      expect(db.verno).toBe(CACHE_VERSION);
      expect(await db.tickets.toArray()).toEqual([ticket]);
      expect(await db.replies.toArray()).toEqual([reply]);
      expect(await db.outbox.count()).toBe(1);
      expect(await db.articles.count()).toBe(0);
      const version = (n: number) => ({ id: `a1:v${n}`, articleId: 'a1', version: n });
      await db.articleVersions.bulkPut(
        [version(2), version(1)].map((v) => ({
          ...v,
          actorId: 'u',
          at: ticket.createdAt,
          change: 'edited' as const,
          changed: [],
          restoredFrom: null,
          title: 't',
          body: '',
          category: 'c',
          tags: [],
          visibility: 'internal' as const,
          status: 'draft' as const,
        })),
      );
      // An article's history reads in version order through its index.
      expect(
        (await db.articleVersions.where('[articleId+version]').between(['a1', Dexie.minKey], ['a1', Dexie.maxKey]).toArray()).map((v) => v.version),
      ).toEqual([1, 2]);
    } finally {
      db.close();
      await Dexie.delete(name);
    }
  });

  it('upgrades a version 7 cache to version 8: articles and the outbox kept, and an empty classes table read by start', async () => {
    const name = `meja-v7-${randomUuid()}`;
    const old = new Dexie(name);
    declareUpTo7(old);
    const ticket = makeTicket();
    const article = {
      id: 'a1',
      title: 'Reset a token',
      body: 'Steps',
      category: 'network',
      tags: [],
      visibility: 'internal' as const,
      status: 'published' as const,
      version: 2,
      authorId: 'u',
      createdAt: ticket.createdAt,
      updatedBy: 'u',
      updatedAt: ticket.createdAt,
      publishedAt: ticket.createdAt,
    };
    await old.table('tickets').put(ticket);
    await old.table('articles').put(article);
    const pending = { id: 'm1', name: 'article:update', args: { id: 'a1', baseVersion: 2, body: 'x' }, at: ticket.createdAt, actorId: 'u', state: 'pending' };
    await old.table('outbox').add(pending);
    old.close();

    const db = openMejaDb(name);
    try {
      expect(await openCache(db)).toBe('ok');
      expect(db.verno).toBe(CACHE_VERSION);
      expect(await db.tickets.toArray()).toEqual([ticket]);
      expect(await db.articles.toArray()).toEqual([article]);
      expect(await db.outbox.toArray()).toEqual([{ ...pending, seq: 1 }]);
      expect(await db.classes.count()).toBe(0);
      const trainingClass = (id: string, startsAt: string) => ({
        id,
        title: 'Printing without jams',
        topic: 'printing',
        trainerIds: ['u'],
        startsAt,
        durationMinutes: 60,
        place: 'Room 2',
        materials: ['a1'],
        attendees: [{ name: 'Greta', contact: null, attendance: 'unmarked' as const }],
        version: 1,
        createdBy: 'u',
        createdAt: ticket.createdAt,
        updatedBy: 'u',
        updatedAt: ticket.createdAt,
      });
      await db.classes.bulkPut([trainingClass('c2', '2026-04-02T09:00:00.000Z'), trainingClass('c1', '2026-03-02T09:00:00.000Z')]);
      // The Classes view reads them in order of start through its index.
      expect((await db.classes.orderBy('startsAt').toArray()).map((c) => c.id)).toEqual(['c1', 'c2']);
    } finally {
      db.close();
      await Dexie.delete(name);
    }
  });

  it('upgrades a version 8 cache to version 9: every ticket, the outbox and the kept first screen kept, tickets read newest first by update time', async () => {
    const name = `meja-v8-${randomUuid()}`;
    const old = new Dexie(name);
    declareUpTo7(old);
    old.version(8).stores({ classes: CLASS_INDEXES_V8 });
    const tickets = ['2026-03-02T09:05:00.000Z', '2026-03-02T09:01:00.000Z', '2026-03-02T09:09:00.000Z'].map((updatedAt) => makeTicket({ updatedAt }));
    await old.table('tickets').bulkPut(tickets);
    const pending = {
      id: 'm1',
      name: 'ticket:update',
      args: { id: tickets[0]?.id, title: 'Unsent' },
      at: '2026-03-02T09:10:00.000Z',
      actorId: 'u',
      state: 'pending',
    };
    await old.table('outbox').add(pending);
    const meta = [
      { key: 'tickets:stamp', value: '7' },
      { key: 'queue:firstScreen', value: JSON.stringify({ at: 7, isAll: true, tickets }) },
    ];
    await old.table('meta').bulkPut(meta);
    const written = await snapshot(old);
    old.close();

    const db = openMejaDb(name);
    try {
      expect(await openCache(db)).toBe('ok');
      expect(db.verno).toBe(9);
      const upgraded = await snapshot(db);
      // Only the tickets store changed, and only by its new index: every row of every table as it was.
      expect({ ...upgraded.tables, tickets: { ...upgraded.tables.tickets, indexes: [] } }).toEqual({
        ...written.tables,
        tickets: { ...written.tables.tickets, indexes: [] },
      });
      expect(upgraded.tables.tickets?.indexes).toEqual(TICKET_INDEX_NAMES);
      // The index holds the tickets that were there before the upgrade.
      expect((await db.tickets.orderBy('updatedAt').reverse().toArray()).map((ticket) => ticket.updatedAt)).toEqual([
        '2026-03-02T09:09:00.000Z',
        '2026-03-02T09:05:00.000Z',
        '2026-03-02T09:01:00.000Z',
      ]);
    } finally {
      db.close();
      await Dexie.delete(name);
    }
  });

  it('leaves a version 3 cache exactly as it was when the upgrade fails half-way, and upgrades it on the next try', async () => {
    const name = `meja-v3-fail-${randomUuid()}`;
    const { written, printer } = await writeVersion3Cache(name);

    const failing = openMejaDb(name);
    failing.use(diskFullOnRejected);
    await expect(openCache(failing)).rejects.toThrow(/disk is full/);
    failing.close();
    // IndexedDB rolled the whole upgrade back: version, indexes and every row, the written one too.
    expect(await onDisk(name)).toEqual(written);

    const db = openMejaDb(name);
    try {
      expect(await openCache(db)).toBe('ok');
      expect(db.verno).toBe(CACHE_VERSION);
      expect((await ticketRejected(db, printer.id)).map((row) => row.id)).toEqual(['r3', 'r1']);
      expect(await db.outbox.toArray()).toEqual(written.tables.outbox?.rows);
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
    newer.version(CACHE_VERSION + 1).stores({ tickets: 'id, code', somethingNew: 'key' });
    await newer.table('outbox').add({
      id: 'm1',
      name: 'ticket:update',
      args: { id: 't1', title: 'Unsent' },
      at: '2026-03-02T09:00:00.000Z',
      actorId: 'u1',
      state: 'pending',
      touched: ['ticket/t1'],
    });
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
      expect(Math.floor(again.verno)).toBe(CACHE_VERSION + 1);
      expect((await again.table('outbox').toArray()).map((entry: { id: string; state: string }) => [entry.id, entry.state])).toEqual([['m1', 'pending']]);
    } finally {
      again.close();
      await Dexie.delete(name);
    }
  });
});
