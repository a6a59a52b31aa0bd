import type { Ticket } from '../../shared/domain/ticket';
import type { MejaDb } from '../db/database';
import type { FirstRows } from './firstScreen';
import { stampOf, TICKETS_STAMP } from './ticketChanges';

/** Meta key of the queue's first rows as of a ticket stamp, for the next restart to draw at once. */
export const FIRST_SCREEN_KEY = 'queue:firstScreen';

/** The first rows and the stamp (ticketChanges.ts) they are true as of. */
export type KeptFirstRows = FirstRows & { at: number };

const parseKept = (value: string): KeptFirstRows | null => {
  try {
    const kept: unknown = JSON.parse(value);
    if (typeof kept !== 'object' || kept === null) return null;
    const { at, isAll, tickets } = kept as Record<string, unknown>;
    if (typeof at !== 'number' || typeof isAll !== 'boolean' || !Array.isArray(tickets)) return null;
    // Records of this cache's own tickets store, written by keepFirstRows.
    return { at, isAll, tickets: tickets as Ticket[] };
  } catch {
    return null;
  }
};

/** The kept first rows if no ticket was written since they were kept; null otherwise or when none were. */
export const readFirstRows = (db: MejaDb): Promise<KeptFirstRows | null> =>
  db.transaction('r', db.meta, async () => {
    const [kept, stamp] = await Promise.all([db.meta.get(FIRST_SCREEN_KEY), db.meta.get(TICKETS_STAMP)]);
    const parsed = kept === undefined ? null : parseKept(kept.value);
    return parsed !== null && parsed.at === stampOf(stamp?.value) ? parsed : null;
  });

/** The ticket stamp now: every ticket write up to it is in what is read after. */
export const readStamp = async (db: MejaDb): Promise<number> => stampOf((await db.meta.get(TICKETS_STAMP))?.value);

/** Keeps rows that are true as of stamp `at`, unless a ticket was written since; says whether it kept them. */
export const keepFirstRows = (db: MejaDb, rows: KeptFirstRows): Promise<boolean> =>
  db.transaction('rw', db.meta, async () => {
    if (stampOf((await db.meta.get(TICKETS_STAMP))?.value) !== rows.at) return false;
    await db.meta.put({ key: FIRST_SCREEN_KEY, value: JSON.stringify({ at: rows.at, isAll: rows.isAll, tickets: rows.tickets }) });
    return true;
  });
