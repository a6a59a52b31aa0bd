import { Dexie } from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openMejaDb, type MejaDb } from '../db/database';
import { createDexieLocalDb } from '../db/localDb';
import { makeTicket } from '../../tests/support/factories';
import { fullAnswer, openingQueue } from '../../tests/support/openingQueue';
import type { Ticket } from '../../shared/domain/ticket';
import { FIRST_SCREEN_ROWS } from './firstScreen';
import { readFirstRows, readStamp } from './firstScreenStore';
import { createLiveQueueIndex, type IndexProgress, type LiveQueueIndex } from './liveQueueIndex';
import { trackTicketChanges } from './ticketChanges';
import { pruneWorkingSet } from '../../shared/sync/localScope';

/** Update times collide and codes repeat, so ties decide much of the order. */
const manyTickets = (count: number): Ticket[] =>
  Array.from({ length: count }, (_, i) =>
    makeTicket({ updatedAt: new Date(Date.parse('2026-03-02T09:00:00.000Z') + (i % 500) * 60_000).toISOString(), code: `Q${i % 300}` }),
  );

/** What the queue could draw each time the progress announced a first screen: the index's size and the rows of the opening query it may show. */
const recordFirstScreens = (live: LiveQueueIndex): Array<{ size: number; rows: string[]; total: number | null }> => {
  const seen: Array<{ size: number; rows: string[]; total: number | null }> = [];
  let last: IndexProgress | null = null;
  live.subscribe(() => {
    const progress = live.progress();
    if (progress === last || progress.firstScreen === null) return;
    last = progress;
    seen.push({ size: live.index.size(), rows: openingQueue(live.index).slice(0, progress.firstScreen), total: progress.total });
  });
  return seen;
};

let db: MejaDb | null = null;
afterEach(async () => {
  db?.close();
  if (db !== null) await Dexie.delete(db.name);
});

describe('live queue index', () => {
  it('holds every committed ticket when pages of a sync and a lone edit arrive back to back', async () => {
    db = openMejaDb(`live-${Math.random()}`);
    const { db: local, changes } = trackTicketChanges(createDexieLocalDb(db));
    const live = createLiveQueueIndex(db, changes);
    live.start();
    await vi.waitFor(() => expect(live.progress().isLoading).toBe(false));

    const pages = Array.from({ length: 6 }, () => Array.from({ length: 200 }, () => makeTicket()));
    for (const page of pages) await local.transaction((tx) => tx.putMany('ticket', page));
    const edited = { ...(pages[0]?.[0] ?? makeTicket()), title: 'Edited right after the pages' };
    const gone = pages[1]?.[0]?.id ?? '';
    await local.transaction(async (tx) => {
      await tx.putMany('ticket', [edited]);
      await tx.deleteMany('ticket', [gone]);
    });

    await vi.waitFor(() => expect(live.index.size()).toBe(6 * 200 - 1));
    expect(live.index.get(edited.id)?.title).toBe('Edited right after the pages');
    expect(live.index.get(gone)).toBeUndefined();
    live.stop();
  });

  it('shows the first screen of the queue as the full index orders it, then every ticket, with a change made meanwhile', async () => {
    db = openMejaDb(`live-${Math.random()}`);
    const { db: local, changes } = trackTicketChanges(createDexieLocalDb(db));
    const tickets = manyTickets(6_500);
    // Written as an older console left them: no stamp, no kept first screen.
    await db.tickets.bulkPut(tickets);
    const expected = fullAnswer(tickets);

    const live = createLiveQueueIndex(db, changes, { keepAfterMs: 5 });
    const firstScreens = recordFirstScreens(live);
    live.start();
    await vi.waitFor(() => expect(firstScreens).toHaveLength(2));
    // The first screen holds only its rows, read through the update-time index before the tickets
    // were counted, and they are the full queue's first rows, in order; still so once all are read.
    expect(firstScreens[0]).toEqual({ size: FIRST_SCREEN_ROWS, rows: expected.slice(0, FIRST_SCREEN_ROWS), total: null });
    expect(firstScreens[1]).toEqual({ size: FIRST_SCREEN_ROWS, rows: expected.slice(0, FIRST_SCREEN_ROWS), total: tickets.length });

    // Written while the index fills: applied once it is complete.
    const edited = { ...(tickets[0] as Ticket), title: 'Edited while the queue filled', updatedAt: '2026-03-04T09:00:00.000Z' };
    await local.transaction((tx) => tx.putMany('ticket', [edited]));
    await vi.waitFor(() => expect(live.progress().isLoading).toBe(false), { timeout: 20_000 });
    expect(live.progress().firstScreen).toBeNull();
    await vi.waitFor(() => expect(live.index.get(edited.id)?.title).toBe('Edited while the queue filled'));
    expect(openingQueue(live.index)).toEqual([edited.id, ...expected.filter((id) => id !== edited.id)]);
    live.stop();
  }, 60_000);

  it('a restart draws the first screen the last session kept, before it reads every ticket, as the full index will order it', async () => {
    db = openMejaDb(`live-${Math.random()}`);
    const { db: local, changes } = trackTicketChanges(createDexieLocalDb(db));
    const tickets = manyTickets(6_500);
    await local.transaction((tx) => tx.putMany('ticket', tickets));
    const before = createLiveQueueIndex(db, changes, { keepAfterMs: 5 });
    before.start();
    await vi.waitFor(() => expect(before.progress().isLoading).toBe(false), { timeout: 20_000 });
    // Changes after the load: one ticket moves to the top, one of the first screen goes, one arrives.
    const moved = { ...(tickets[100] as Ticket), title: 'Moved to the top', updatedAt: '2026-03-09T09:00:00.000Z' };
    const gone = openingQueue(before.index)[3] ?? '';
    const arrived = makeTicket({ updatedAt: '2026-03-08T09:00:00.000Z' });
    await local.transaction((tx) => tx.putMany('ticket', [moved, arrived]));
    await local.transaction((tx) => tx.deleteMany('ticket', [gone]));
    await vi.waitFor(async () => expect(await readFirstRows(db as MejaDb)).toMatchObject({ at: 3 }));
    before.stop();
    const expected = openingQueue(before.index);
    expect(expected.slice(0, 2)).toEqual([moved.id, arrived.id]);

    const live = createLiveQueueIndex(db, changes, { keepAfterMs: 5 });
    const firstScreens = recordFirstScreens(live);
    live.start();
    await vi.waitFor(() => expect(firstScreens.length).toBeGreaterThan(0));
    // Drawn before the tickets were counted (read): only the kept rows are in the index.
    expect(firstScreens[0]?.total).toBeNull();
    expect(firstScreens[0]?.size).toBe(firstScreens[0]?.rows.length);
    expect(firstScreens[0]?.rows.length).toBeGreaterThan(90);
    expect(firstScreens[0]?.rows).toEqual(expected.slice(0, firstScreens[0]?.rows.length));
    await vi.waitFor(() => expect(live.progress().isLoading).toBe(false), { timeout: 20_000 });
    expect(openingQueue(live.index)).toEqual(expected);
    live.stop();
  }, 60_000);

  it('a ticket written after the first screen was kept makes a restart read the first screen through the update-time index, not every ticket', async () => {
    db = openMejaDb(`live-${Math.random()}`);
    const { db: local, changes } = trackTicketChanges(createDexieLocalDb(db));
    const tickets = manyTickets(300);
    await local.transaction((tx) => tx.putMany('ticket', tickets));
    const before = createLiveQueueIndex(db, changes, { keepAfterMs: 5 });
    before.start();
    await vi.waitFor(async () => expect(await readFirstRows(db as MejaDb)).toMatchObject({ at: 1 }));
    before.stop();
    const kept = openingQueue(before.index).slice(0, FIRST_SCREEN_ROWS);
    const byId = new Map(tickets.map((ticket) => [ticket.id, ticket]));
    const keptTicket = (row: number) => byId.get(kept[row] ?? '') as Ticket;
    const keptNewest = Date.parse(keptTicket(0).updatedAt);
    const keptOldest = Date.parse(keptTicket(FIRST_SCREEN_ROWS - 1).updatedAt);

    // Written while no queue followed the cache (a sync of the cache worker, say). Update times are
    // not write times: the server dates a change made offline back to when it was made, and a
    // console's clock may run ahead. So a write since the kept screen may land anywhere in it.
    const skewedAhead = {
      ...keptTicket(50),
      title: 'Edited on a console whose clock runs a day fast',
      updatedAt: new Date(keptNewest + 86_400_000).toISOString(),
    };
    const datedBackInside = makeTicket({ title: 'Made offline, dated back into the first screen', updatedAt: new Date(keptOldest + 90_000).toISOString() });
    const datedBackOut = { ...keptTicket(0), title: 'Dated back out of the first screen', updatedAt: new Date(keptOldest - 86_400_000).toISOString() };
    await local.transaction((tx) => tx.putMany('ticket', [skewedAhead, datedBackInside, datedBackOut]));
    // A kept row leaves the working set: closed long ago, nobody's, and dropped by the sync's prune.
    const leaving = {
      ...keptTicket(1),
      status: 'closed' as const,
      resolvedAt: '2025-01-01T09:00:00.000Z',
      closedAt: '2025-01-02T09:00:00.000Z',
      createdBy: 'user-other',
    };
    await local.transaction((tx) => tx.putMany('ticket', [leaving]));
    const stampBeforeDrop = await readStamp(db);
    await local.transaction(async (tx) => {
      // Meta keys of shared/sync/localScope.ts: the working set as of this page, by the server's parameters.
      await tx.setMeta('scopeAt', '2026-03-05T00:00:00.000Z');
      await tx.setMeta('scopeParams', JSON.stringify({ recentDays: 30, mineDays: 365, openedDays: 30, openedMax: 1_000 }));
      expect(await pruneWorkingSet(tx, 'user-me')).toBe(1);
    });
    expect(await db.tickets.get(leaving.id)).toBeUndefined();
    // The drop raised the stamp like any write: a first screen kept before it would not be drawn with it.
    expect(await readStamp(db)).toBe(stampBeforeDrop + 1);
    // Every one of those writes, the drop too, raised the stamp: the kept rows are no longer drawn.
    expect(await readFirstRows(db)).toBeNull();
    const now = await db.tickets.toArray();
    const expected = fullAnswer(now);
    expect(expected[0]).toBe(skewedAhead.id);
    expect(expected.slice(0, FIRST_SCREEN_ROWS)).toContain(datedBackInside.id);

    const live = createLiveQueueIndex(db, changes, { keepAfterMs: 5 });
    const firstScreens = recordFirstScreens(live);
    live.start();
    await vi.waitFor(() => expect(firstScreens.length).toBeGreaterThan(0));
    // Drawn before the tickets were counted (read): a full screen, the complete queue's first rows, as the cache holds them.
    expect(firstScreens[0]).toEqual({ size: FIRST_SCREEN_ROWS, rows: expected.slice(0, FIRST_SCREEN_ROWS), total: null });
    expect(live.index.get(skewedAhead.id)?.title).toBe(skewedAhead.title);
    await vi.waitFor(() => expect(live.progress().isLoading).toBe(false), { timeout: 20_000 });
    expect(openingQueue(live.index)).toEqual(expected);
    live.stop();
  }, 60_000);
});
