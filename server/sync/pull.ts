import type { FastifyBaseLogger } from 'fastify';
import type { DatabaseKind } from '../config';
import { readChanges, visibleBelow, type FeedPage, type FeedScope, type Position } from '../db/changeFeed';
import type { Db } from '../db/connect';
import type { Notifier } from './notifier';

/** How long a pull waits, by default, for an older transaction to finish before answering without its successors. */
export const DEFAULT_PULL_WAIT_MS = 500;
const WATCH_INTERVAL_MS = 100;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export type FeedReader = {
  /**
   * One page of the feed. When committed changes are held back behind a still-running older
   * transaction (PostgreSQL), waits briefly for it, so a client normally sees its own push in
   * the pull that follows; if it is still running, answers without them and pokes every event
   * stream once they become visible, so no client is left waiting for an unrelated change.
   */
  read(after: Position, limit: number, options?: { count: boolean; scope?: FeedScope }): Promise<FeedPage>;
  close(): void;
};

export const createFeedReader = (options: { db: Db; kind: DatabaseKind; notifier: Notifier; log: FastifyBaseLogger; waitMs?: number }): FeedReader => {
  const { db, kind, notifier, log } = options;
  const maxWaitMs = options.waitMs ?? DEFAULT_PULL_WAIT_MS;
  let watchedTx: number | null = null;
  // One check at a time: scheduled or running.
  let checking = false;
  let timer: NodeJS.Timeout | null = null;
  let closed = false;

  const schedule = () => {
    if (checking || closed) return;
    checking = true;
    timer = setTimeout(() => void check(), WATCH_INTERVAL_MS);
  };

  const check = async () => {
    timer = null;
    try {
      // `watchedTx` is read after the await: a target raised meanwhile is compared too.
      if (watchedTx !== null && (await visibleBelow(db)) > watchedTx) {
        watchedTx = null;
        notifier.announceCommit();
      }
    } catch (error) {
      if (!closed) log.warn({ err: error }, 'could not check which changes became visible; trying again');
    }
    checking = false;
    if (watchedTx !== null) schedule();
  };

  const watch = (tx: number) => {
    watchedTx = Math.max(watchedTx ?? tx, tx);
    schedule();
  };

  return {
    read: async (after, limit, readOptions) => {
      const count = readOptions?.count ?? true;
      const scope = readOptions?.scope ?? {};
      const page = await readChanges(db, kind, after, limit, { count, scope });
      if (page.hasMore || page.heldBackTx === null) return page;
      // Wait for the transactions in front of what is held back now; newer ones are not waited for,
      // so a busy database cannot keep a pull waiting for the whole time.
      const target = page.heldBackTx;
      let waited = 0;
      for (let step = 5; waited < maxWaitMs; step *= 2) {
        const pause = Math.min(step, maxWaitMs - waited);
        await sleep(pause);
        waited += pause;
        if ((await visibleBelow(db)) > target) {
          const next = await readChanges(db, kind, after, limit, { count, scope });
          if (next.heldBackTx !== null && !next.hasMore) watch(next.heldBackTx);
          return next;
        }
      }
      watch(target);
      return page;
    },
    close: () => {
      closed = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
};
