import type { MejaDb } from '../db/database';
import { FIRST_SCREEN_ROWS, firstRowsRead, type FirstRows } from './firstScreen';

/**
 * The first rows of the queue's default order as the cache holds them now, read through the
 * tickets' `updatedAt` index (cache version 9) in one transaction: the `rows` latest, then every
 * ticket that shares the update time of the last of them (firstRowsRead). About a hundred records
 * whatever the cache holds or was written since, so a restart does not wait for every ticket.
 */
export const readFirstScreen = (db: MejaDb, rows: number = FIRST_SCREEN_ROWS): Promise<FirstRows> =>
  db.transaction('r', db.tickets, async () => {
    const newest = await db.tickets.orderBy('updatedAt').reverse().limit(rows).toArray();
    const last = newest.length < rows ? undefined : newest.at(-1);
    const tied = last === undefined ? [] : await db.tickets.where('updatedAt').equals(last.updatedAt).toArray();
    return firstRowsRead(newest, tied, rows);
  });
