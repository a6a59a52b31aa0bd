import type { Ticket } from '../../shared/domain/ticket';
import type { MejaDb } from '../db/database';
import { createLogger } from '../logger';
import { nextFirstRows, type FirstRows } from './firstScreen';
import { keepFirstRows } from './firstScreenStore';
import type { TicketChange } from './ticketChanges';

const log = createLogger('queue');

/** Quiet time after the last change before the first rows are stored: a sync streaming pages stores them once, at its end. */
export const KEEP_AFTER_MS = 500;

/**
 * Committed changes heard ahead of one not heard yet (the cache worker's and the page's own reach
 * the page by different ways): more means one never comes (another tab writes the same cache), and
 * following stops until the next load.
 */
const MAX_WAITING = 1_000;

/**
 * Follows the first rows of the queue's default order through the cache's commits, in the order
 * they were committed (their stamps), and stores them for the next restart (firstScreenStore.ts)
 * once the commits pause. They start from a load.
 */
export type FirstScreenKeeper = {
  /** A change of the feed; only committed ones (stamped) count. */
  hear(change: TicketChange): void;
  /**
   * Forgets the rows it follows, keeping the changes heard: a load begins, and the commits heard
   * while it reads must wait for the rows it will start from rather than be spent on the old ones.
   */
  forget(): void;
  /** Starts from the first rows of every ticket read after stamp `at` was read. */
  start(rows: FirstRows, at: number): void;
  /** Stores the rows now if they wait for the commits to pause (the page is being hidden, maybe closed). */
  keepNow(): void;
  stop(): void;
};

export const createFirstScreenKeeper = (db: MejaDb, keepAfterMs: number = KEEP_AFTER_MS): FirstScreenKeeper => {
  /** True of the cache as of stamp `at`; null while there is no load to start from. */
  let book: { rows: FirstRows; at: number } | null = null;
  const waiting = new Map<number, TicketChange>();
  let timer: ReturnType<typeof setTimeout> | null = null;

  const keep = () => {
    timer = null;
    if (book === null) return;
    keepFirstRows(db, { ...book.rows, at: book.at }).catch((error: unknown) => log.warn('could not keep the first screen of the queue', error));
  };
  const keepSoon = () => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(keep, keepAfterMs);
  };

  const follow = () => {
    if (book === null) return;
    for (const stamp of waiting.keys()) if (stamp <= book.at) waiting.delete(stamp);
    for (let next = waiting.get(book.at + 1); next !== undefined; next = waiting.get(book.at + 1)) {
      waiting.delete(book.at + 1);
      const change = next.kind === 'all' ? { isCleared: true, written: new Map<string, Ticket | null>() } : { isCleared: false, written: next.written };
      book = { rows: nextFirstRows(book.rows, change), at: book.at + 1 };
    }
    keepSoon();
  };

  return {
    hear: (change) => {
      if (change.stamp === undefined) return;
      waiting.set(change.stamp, change);
      if (waiting.size > MAX_WAITING) {
        book = null;
        waiting.clear();
        return;
      }
      if (book !== null && change.stamp === book.at + 1) follow();
    },
    forget: () => {
      book = null;
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
    start: (rows, at) => {
      book = { rows, at };
      follow();
    },
    keepNow: () => {
      if (timer === null) return;
      clearTimeout(timer);
      keep();
    },
    stop: () => {
      book = null;
      waiting.clear();
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
};
