import type { Ticket } from '../../shared/domain/ticket';
import type { MejaDb } from '../db/database';
import { createLogger } from '../logger';
import { firstRowsOf } from './firstScreen';
import { createFirstScreenKeeper } from './firstScreenKeeper';
import { readFirstScreen } from './firstScreenRead';
import { readFirstRows, readStamp } from './firstScreenStore';
import { toQueueEntry } from './queueEntry';
import { createQueueIndex, type QueueIndex } from './queueIndex';
import type { TicketChange, TicketChangeFeed } from './ticketChanges';
import { createEmitter } from '../../shared/emitter';

const log = createLogger('queue');

/** Rows read per IndexedDB request: large, because every request costs a round trip to the browser process. */
const PAGE = 5_000;

/** Tickets made into queue entries per task while the index fills after the first screen: short tasks, so clicks and keys get through. */
const CHUNK = 1_000;

/**
 * After a patch of more than a few tickets (a sync page), the next patch waits this long, so a
 * sync streaming pages of a thousand tickets re-renders the queue a few times a second, not once
 * per page; a lone edit after a quiet spell is patched at once.
 */
export const BATCH_GAP_MS = 250;
const FEW = 50;

/**
 * `firstScreen`: while the index fills after a load, it holds the first rows of the queue's
 * default order first (firstScreen.ts) and this says how many; null once every ticket is in
 * (or before the first screen is). `total`: how many tickets the cache held when it was read.
 */
export type IndexProgress = { loaded: number; isLoading: boolean; loadMs: number | null; firstScreen: number | null; total: number | null };

export type LiveQueueIndex = {
  index: QueueIndex;
  progress(): IndexProgress;
  /** Called after every change of the index or of the progress. */
  subscribe(listener: () => void): () => void;
  /** Follows the change feed and (re)loads everything; stop and start again as often as needed. */
  start(): void;
  stop(): void;
  /** Stores the queue's first screen for the next restart now, if it waits to be stored (firstScreenKeeper.ts). */
  keepFirstScreen(): void;
};

/** Lets the page paint and take input before the next chunk. */
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * The queue index over one user's cache: filled once from Dexie, then kept current from the change
 * feed. Changes that arrive while it loads are re-read after the load. A load shows the first
 * screen of the queue's default order first: as the last session kept it (firstScreenKeeper.ts),
 * if no ticket was written since, else read through the tickets' update-time index
 * (firstScreenRead.ts); it then reads every ticket, fills the index in short tasks and says so once
 * it is complete.
 */
export const createLiveQueueIndex = (db: MejaDb, feed: TicketChangeFeed, { keepAfterMs }: { keepAfterMs?: number } = {}): LiveQueueIndex => {
  const index = createQueueIndex();
  const keeper = createFirstScreenKeeper(db, keepAfterMs);
  const changed = createEmitter();
  let progress: IndexProgress = { loaded: 0, isLoading: true, loadMs: null, firstScreen: null, total: null };
  let isStopped = false;
  let loadRun = 0;
  /** While the index fills after the first screen, its changes are not news: the screen shows the first screen until it is complete. */
  let isFilling = false;
  /** Tickets written since the last patch, as committed (null: deleted), in commit order. */
  const dirty = new Map<string, Ticket | null>();
  let work: Promise<void> = Promise.resolve();
  /** When the last patch of a batch ended; patches wait BATCH_GAP_MS after it. */
  let batchPatchedAt = Number.NEGATIVE_INFINITY;
  let gapTimer: ReturnType<typeof setTimeout> | null = null;

  const notify = () => changed.emit();
  const setProgress = (next: IndexProgress) => {
    progress = next;
    notify();
  };

  const load = async () => {
    const run = ++loadRun;
    const isCurrent = () => !isStopped && run === loadRun;
    const started = performance.now();
    keeper.forget();
    index.clear();
    setProgress({ loaded: 0, isLoading: true, loadMs: null, firstScreen: null, total: null });
    // The first screen as the last session kept it, if no ticket was written since: drawn at once.
    const kept = await readFirstRows(db).catch((error: unknown) => {
      log.warn('could not read the kept first screen of the queue', error);
      return null;
    });
    if (!isCurrent()) return;
    // Else (a ticket written since, or none kept) read through the update-time index: about a hundred tickets.
    const shown =
      kept ??
      (await readFirstScreen(db).catch((error: unknown) => {
        log.warn('could not read the first screen of the queue', error);
        return null;
      }));
    if (!isCurrent()) return;
    if (shown !== null) {
      index.upsert(shown.tickets.map(toQueueEntry));
      setProgress({ loaded: index.size(), isLoading: true, loadMs: null, firstScreen: shown.tickets.length, total: null });
    }
    // Every ticket written up to this stamp is in what is read next.
    const at = await readStamp(db);
    const tickets: Ticket[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Ticket[] = await (after === null ? db.tickets.orderBy(':id') : db.tickets.where(':id').above(after)).limit(PAGE).toArray();
      if (!isCurrent()) return;
      for (const ticket of page) tickets.push(ticket);
      const last = page.at(-1);
      if (last === undefined || page.length < PAGE) break;
      after = last.id;
    }
    const first = firstRowsOf(tickets);
    keeper.start(first, at);
    // None shown (the index could not be read): the first screen of what was read, before a queue entry is made of every ticket.
    if (shown === null) index.upsert(first.tickets.map(toQueueEntry));
    setProgress({ loaded: index.size(), isLoading: true, loadMs: null, firstScreen: (shown ?? first).tickets.length, total: tickets.length });
    isFilling = true;
    try {
      for (let from = 0; from < tickets.length; from += CHUNK) {
        await nextTask();
        if (!isCurrent()) return;
        index.upsert(tickets.slice(from, from + CHUNK).map(toQueueEntry));
        // The search words of a load are added with it: a search right after opening the console
        // would otherwise wait for 100,000 at once, as idle time right after a load is short.
        index.prepareSearch();
      }
    } finally {
      isFilling = false;
    }
    setProgress({ loaded: index.size(), isLoading: false, loadMs: performance.now() - started, firstScreen: null, total: tickets.length });
  };

  const patch = async () => {
    if (dirty.size === 0 || progress.isLoading) return;
    const written = [...dirty.values()];
    const deleted = [...dirty].flatMap(([id, ticket]) => (ticket === null ? [id] : []));
    dirty.clear();
    index.upsert(written.flatMap((ticket) => (ticket === null ? [] : [toQueueEntry(ticket)])));
    index.remove(deleted);
    if (written.length > FEW) batchPatchedAt = performance.now();
  };

  // One thing at a time: a patch never races a load, and patches apply in commit order.
  const enqueue = (step: () => Promise<void>) => {
    work = work.then(step).catch((error: unknown) => log.warn('queue index update failed', error));
  };

  const onChange = (change: TicketChange) => {
    keeper.hear(change);
    if (change.kind === 'all') {
      dirty.clear();
      enqueue(load);
      return;
    }
    for (const [id, ticket] of change.written) {
      // Re-inserted so the map keeps commit order of the latest write.
      dirty.delete(id);
      dirty.set(id, ticket);
    }
    schedulePatch();
  };

  const schedulePatch = () => {
    if (gapTimer !== null) return;
    const wait = batchPatchedAt + BATCH_GAP_MS - performance.now();
    if (wait <= 0) {
      enqueue(patch);
      return;
    }
    gapTimer = setTimeout(() => {
      gapTimer = null;
      enqueue(patch);
    }, wait);
  };

  let unsubscribe: (() => void) | null = null;
  index.subscribe(() => {
    if (!isFilling) notify();
  });

  return {
    index,
    progress: () => progress,
    subscribe: changed.on,
    start: () => {
      if (unsubscribe !== null) return;
      isStopped = false;
      unsubscribe = feed.subscribe(onChange);
      enqueue(load);
      enqueue(patch);
    },
    stop: () => {
      isStopped = true;
      if (gapTimer !== null) clearTimeout(gapTimer);
      gapTimer = null;
      unsubscribe?.();
      unsubscribe = null;
      keeper.stop();
    },
    keepFirstScreen: keeper.keepNow,
  };
};
