import type { Ticket } from '../../shared/domain/ticket';
import type { MejaDb } from '../db/database';
import { createLogger } from '../logger';
import { toQueueEntry } from './queueEntry';
import { createQueueIndex, type QueueIndex } from './queueIndex';
import type { TicketChange, TicketChangeFeed } from './ticketChanges';
import { createEmitter } from '../../shared/emitter';

const log = createLogger('queue');

/** Rows read per IndexedDB request: large, because every request costs a round trip to the browser process. */
const PAGE = 5_000;

/**
 * After a patch of more than a few tickets (a sync page), the next patch waits this long, so a
 * sync streaming pages of a thousand tickets re-renders the queue a few times a second, not once
 * per page; a lone edit after a quiet spell is patched at once.
 */
export const BATCH_GAP_MS = 250;
const FEW = 50;

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
  const changed = createEmitter();
  let progress: IndexProgress = { loaded: 0, isLoading: true, loadMs: null };
  let isStopped = false;
  let loadRun = 0;
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
    const started = performance.now();
    index.clear();
    setProgress({ loaded: 0, isLoading: true, loadMs: null });
    let after: string | null = null;
    for (;;) {
      const page: Ticket[] = await (after === null ? db.tickets.orderBy(':id') : db.tickets.where(':id').above(after)).limit(PAGE).toArray();
      if (isStopped || run !== loadRun) return;
      index.upsert(page.map(toQueueEntry));
      // The search words of a load are added with it: a search right after opening the console
      // would otherwise wait for 100,000 at once, as idle time right after a load is short.
      index.prepareSearch();
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
    if (written.length > FEW) batchPatchedAt = performance.now();
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
  index.subscribe(notify);

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
    },
  };
};
