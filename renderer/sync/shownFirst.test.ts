import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ticket } from '../../shared/domain/ticket';
import { randomUuid } from '../../shared/platform';
import { makeTicket, makeUser } from '../../tests/support/factories';
import { openMejaDb, type MejaDb } from '../db/database';
import { createDexieLocalDb } from '../db/localDb';
import { trackTicketChanges, type TicketChange, type TrackedCache } from '../queue/ticketChanges';
import { createHeldRecordBook, type HeldRecordBook } from './heldRecords';
import { storeShownFirst } from './shownFirst';

const tina = makeUser({ id: 'tina' });
let db: MejaDb;
let cache: TrackedCache;
let book: HeldRecordBook;
/** What the screens heard, in order: each ticket's title as announced (null: deleted). */
let heard: Array<Record<string, string | null>>;
let ticket: Ticket;

const titles = (change: TicketChange) =>
  change.kind === 'all' ? { all: 'cleared' } : Object.fromEntries([...change.written].map(([id, written]) => [id, written?.title ?? null]));
const rename = (title: string, at = '2026-03-02T10:00:00.000Z') =>
  storeShownFirst(cache.db, book, cache.announce, { id: randomUuid(), name: 'ticket:update', args: { id: ticket.id, title }, at, actorId: tina.id });

beforeEach(async () => {
  db = openMejaDb(`shown-${randomUuid()}`);
  cache = trackTicketChanges(createDexieLocalDb(db));
  book = createHeldRecordBook();
  cache.commits.subscribe(book.committed);
  ticket = makeTicket({ title: 'Printer jams' });
  await cache.db.transaction((tx) => tx.putMany('ticket', [ticket]));
  await db.users.put(tina);
  heard = [];
  cache.changes.subscribe((change) => heard.push(titles(change)));
});

afterEach(async () => {
  await db.delete();
});

describe('storeShownFirst', () => {
  it('announces a held ticket as changed before the cache stores it, then the commit with the same record', async () => {
    book.remember(ticket);
    book.setUsers([tina]);
    const storing = rename('VPN drops');
    // Synchronously: the screen can render it in the frame of the click.
    expect(heard).toEqual([{ [ticket.id]: 'VPN drops' }]);
    expect(await storing).toEqual({ ok: true, value: { queued: true } });
    expect(heard).toEqual([{ [ticket.id]: 'VPN drops' }, { [ticket.id]: 'VPN drops' }]);
    expect((await db.tickets.get(ticket.id))?.title).toBe('VPN drops');
    expect(await db.outbox.count()).toBe(1);
    // The held ticket is the stored one: the next change builds on it.
    expect(book.held('ticket', ticket.id)?.title).toBe('VPN drops');
  });

  it('shows a ticket no screen holds only once it is stored', async () => {
    const storing = rename('VPN drops');
    expect(heard).toEqual([]);
    expect((await storing).ok).toBe(true);
    expect(heard).toEqual([{ [ticket.id]: 'VPN drops' }]);
  });

  it('goes back and answers not_saved when the cache cannot store, queueing nothing', async () => {
    book.remember(ticket);
    db.close();
    const result = await rename('VPN drops');
    expect(result).toMatchObject({ ok: false, error: { code: 'not_saved' } });
    expect(!result.ok && result.error.message).toMatch(/DatabaseClosedError/);
    expect(heard).toEqual([{ [ticket.id]: 'VPN drops' }, { [ticket.id]: 'Printer jams' }]);
    await db.open();
    expect((await db.tickets.get(ticket.id))?.title).toBe('Printer jams');
    expect(await db.outbox.count()).toBe(0);
    expect(book.held('ticket', ticket.id)?.title).toBe('Printer jams');
  });

  it('goes back to the last stored change, not to what a screen first read', async () => {
    book.remember(ticket);
    expect((await rename('VPN drops', '2026-03-02T10:00:00.000Z')).ok).toBe(true);
    db.close();
    const second = await rename('Mail bounces', '2026-03-02T10:01:00.000Z');
    expect(second).toMatchObject({ ok: false, error: { code: 'not_saved' } });
    expect(heard.at(-2)).toEqual({ [ticket.id]: 'Mail bounces' });
    expect(heard.at(-1)).toEqual({ [ticket.id]: 'VPN drops' });
  });

  it('goes back when the cache refuses what memory allowed (memory behind the cache)', async () => {
    // The screen read the ticket as new; meanwhile it was resolved in the cache.
    book.remember(ticket);
    const resolved = { ...ticket, status: 'resolved' as const, resolution: 'Cleaned the rollers', resolvedAt: '2026-03-02T09:30:00.000Z' };
    await db.tickets.put(resolved);
    const result = await storeShownFirst(cache.db, book, cache.announce, {
      id: randomUuid(),
      name: 'ticket:transition',
      args: { id: ticket.id, from: 'new', to: 'open' },
      at: '2026-03-02T10:00:00.000Z',
      actorId: tina.id,
    });
    expect(result.ok).toBe(false);
    expect(heard).toHaveLength(2);
    expect(await db.outbox.count()).toBe(0);
  });
});
