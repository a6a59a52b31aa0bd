import type { Ticket } from '../../shared/domain/ticket';
import type { MejaDb } from '../db/database';
import { createLogger } from '../logger';
import { toQueueEntry } from './queueEntry';
import { createQueueIndex, type QueueIndex } from './queueIndex';
import type { TicketChange, TicketChangeFeed } from './ticketChanges';

const log = createLogger('queue');

/** Rows read per IndexedDB request: large, because every request costs a round trip to the browser process. */
const PAGE = 5_000;

export type IndexProgress = { loaded: number; isLoading: boolean; loadMs: number | null };

export type LiveQueueIndex = {
  index: QueueIndex;
  progress(): IndexProgress;
  /** Called after every change of the index or of the progress. */
  subscribe(listener: () => void): () => void;
  /** Follows the change feed and (re)loads everything; stop and start again as often as needed. */
  start(): void;
  stop(): void;
};

/**
 * The queue index over one user's cache: filled once from Dexie in primary-key pages, then kept
 * current from the change feed. Changes that arrive while it loads are re-read after the load.
 */
export const createLiveQueueIndex = (db: MejaDb, feed: TicketChangeFeed): LiveQueueIndex => {
  const index = createQueueIndex();
  const listeners = new Set<() => void>();
  let progress: IndexProgress = { loaded: 0, isLoading: true, loadMs: null };
  let isStopped = false;
  let loadRun = 0;
  /** Tickets written since the last patch, as committed (null: deleted), in commit order. */
  const dirty = new Map<string, Ticket | null>();
  let work: Promise<void> = Promise.resolve();

  const notify = () => listeners.forEach((listener) => listener());
  const setProgress = (next: IndexProgress) => {
    progress = next;
    notify();
  };

  const load = async () => {
    const run = ++loadRun;
    const started = performance.now();
    index.clear();
    setProgress({ loaded: 0, isLoading: true, loadMs: null });
    let after: string | null = null;
    for (;;) {
      const page: Ticket[] = await (after === null ? db.tickets.orderBy(':id') : db.tickets.where(':id').above(after)).limit(PAGE).toArray();
      if (isStopped || run !== loadRun) return;
      index.upsert(page.map(toQueueEntry));
      setProgress({ loaded: index.size(), isLoading: true, loadMs: null });
      const last = page.at(-1);
      if (last === undefined || page.length < PAGE) break;
      after = last.id;
    }
    setProgress({ loaded: index.size(), isLoading: false, loadMs: performance.now() - started });
  };

  const patch = async () => {
    if (dirty.size === 0 || progress.isLoading) return;
    const written = [...dirty.values()];
    const deleted = [...dirty].flatMap(([id, ticket]) => (ticket === null ? [id] : []));
    dirty.clear();
    index.upsert(written.flatMap((ticket) => (ticket === null ? [] : [toQueueEntry(ticket)])));
    index.remove(deleted);
  };

  // One thing at a time: a patch never races a load, and patches apply in commit order.
  const enqueue = (step: () => Promise<void>) => {
    work = work.then(step).catch((error: unknown) => log.warn('queue index update failed', error));
  };

  const onChange = (change: TicketChange) => {
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
    enqueue(patch);
  };

  let unsubscribe: (() => void) | null = null;
  index.subscribe(notify);

  return {
    index,
    progress: () => progress,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start: () => {
      if (unsubscribe !== null) return;
      isStopped = false;
      unsubscribe = feed.subscribe(onChange);
      enqueue(load);
      enqueue(patch);
    },
    stop: () => {
      isStopped = true;
      unsubscribe?.();
      unsubscribe = null;
    },
  };
};
