import type { FastifyBaseLogger } from 'fastify';
import type { DatabaseKind } from '../config';
import { readChanges, visibleBelow, type FeedPage, type Position } from '../db/changeFeed';
import type { Db } from '../db/connect';
import type { Notifier } from './notifier';

/** How long a pull waits for an older transaction to finish before answering without its successors. */
const MAX_HOLD_WAIT_MS = 500;
const WATCH_INTERVAL_MS = 100;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export type FeedReader = {
  /**
   * One page of the feed. When committed changes are held back behind a still-running older
   * transaction (PostgreSQL), waits briefly for it, so a client normally sees its own push in
   * the pull that follows; if it is still running, answers without them and pokes every event
   * stream once they become visible, so no client is left waiting for an unrelated change.
   */
  read(after: Position, limit: number): Promise<FeedPage>;
  close(): void;
};

export const createFeedReader = (options: { db: Db; kind: DatabaseKind; notifier: Notifier; log: FastifyBaseLogger }): FeedReader => {
  const { db, kind, notifier, log } = options;
  let watchedTx: number | null = null;
  let timer: NodeJS.Timeout | null = null;
  let closed = false;

  const check = async () => {
    timer = null;
    if (closed || watchedTx === null) return;
    try {
      if ((await visibleBelow(db)) > watchedTx) {
        watchedTx = null;
        notifier.poke();
        return;
      }
    } catch (error) {
      log.warn({ err: error }, 'could not check which changes became visible; trying again');
    }
    if (!closed) timer = setTimeout(() => void check(), WATCH_INTERVAL_MS);
  };

  const watch = (tx: number) => {
    watchedTx = Math.max(watchedTx ?? tx, tx);
    if (timer === null && !closed) timer = setTimeout(() => void check(), WATCH_INTERVAL_MS);
  };

  return {
    read: async (after, limit) => {
      let waited = 0;
      for (let step = 10; ; step *= 2) {
        const page = await readChanges(db, kind, after, limit);
        if (page.hasMore || page.heldBackTx === null) return page;
        if (waited >= MAX_HOLD_WAIT_MS) {
          watch(page.heldBackTx);
          return page;
        }
        const pause = Math.min(step, MAX_HOLD_WAIT_MS - waited);
        await sleep(pause);
        waited += pause;
      }
    },
    close: () => {
      closed = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
};
