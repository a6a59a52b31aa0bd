import { randomUuid } from '../../shared/platform';
import { serveSyncSteps, type PortLike } from '../../shared/sync/storePort';
import { createSyncSteps, liveChangesApplied, type SyncSteps } from '../../shared/sync/syncSteps';
import { openMejaDb, type MejaDb } from '../db/database';
import { createDexieLocalDb } from '../db/localDb';
import { createLogger } from '../logger';
import { trackTicketChanges } from '../queue/ticketChanges';
import { parseToWorker, type FromCacheWorker } from './cacheMessages';

const log = createLogger('cache-worker');

/** The cache worker's side: what it does with each message the page posts to it. */
export type CacheHost = {
  /** A message posted to the worker, with the ports it carried. */
  receive(data: unknown, ports: readonly PortLike[]): void;
  /** Stops serving and closes the database. */
  close(): void;
};

/**
 * Tells the page each page of a pull that someone else drives (the desktop main process) once it is
 * in the cache, but for a pull from scratch: a first sync's pages are nobody's news, and sending
 * them back to the page would clone every record onto its main thread, the cost this worker exists
 * to keep off it. A pull is from scratch from a `beginPull` without a cursor, or a page that resets
 * the cache, until `finishSync`.
 */
const tellPulledPages = (inner: SyncSteps, tell: (message: FromCacheWorker) => void): SyncSteps => {
  let isFromScratch = false;
  return {
    ...inner,
    beginPull: async () => {
      const start = await inner.beginPull();
      isFromScratch = start.cursor === null;
      return start;
    },
    applyPull: async (input) => {
      if (input.reset) isFromScratch = true;
      const outcome = await inner.applyPull(input);
      if (outcome.applied && !isFromScratch) tell({ type: 'cache:pulled', page: input.page });
      return outcome;
    },
    applyLive: async (input) => {
      const outcome = await inner.applyLive(input);
      if (outcome.outcome === 'applied') tell({ type: 'cache:pulled', page: liveChangesApplied(input.batch, outcome) });
      return outcome;
    },
    finishSync: async (input) => {
      const finished = await inner.finishSync(input);
      isFromScratch = false;
      return finished;
    },
  };
};

type Opened = { db: MejaDb; steps: SyncSteps; stopPage: () => void; stopCommits: () => void; tell: (message: FromCacheWorker) => void };

/**
 * Owns the cache's sync writes in the worker: the same Dexie database the page reads (a connection
 * of its own), the same steps (shared/sync/syncSteps.ts), served on ports. `cache:open` comes
 * first, once, with the page's port: the steps are served on it and every committed transaction
 * is told on it, with the tickets it wrote, so the page's queue and open ticket follow without
 * reading back. `cache:serve` hands it another port to serve the steps on (the desktop main
 * process's); a second one replaces the first.
 */
export const createCacheHost = (): CacheHost => {
  let opened: Opened | null = null;
  let isClosed = false;
  let stopExternal: (() => void) | null = null;

  const open = (name: string, port: PortLike) => {
    const db = openMejaDb(name);
    const { db: local, commits } = trackTicketChanges(createDexieLocalDb(db));
    const tell = (message: FromCacheWorker) => {
      try {
        port.postMessage(message);
      } catch (error) {
        // The page misses one announcement (it reads the cache again on its next change); the sync goes on.
        log.error(`could not tell the page of ${message.type}`, error);
      }
    };
    const stopCommits = commits.subscribe((change) => tell({ type: 'cache:committed', change }));
    const steps = createSyncSteps(local, randomUuid);
    opened = { db, steps, stopPage: serveSyncSteps(port, steps), stopCommits, tell };
  };

  return {
    receive: (data, ports) => {
      const message = parseToWorker(data);
      if (message === null) return;
      if (isClosed) {
        // Ending: a port that arrives now is closed, so its caller fails at once instead of waiting.
        ports.forEach((port) => port.close());
        return;
      }
      const [port] = ports;
      if (message.type === 'cache:unserve') {
        stopExternal?.();
        stopExternal = null;
        return;
      }
      if (port === undefined || ports.length !== 1) {
        log.warn(`${message.type} came without its one port`);
        return;
      }
      if (message.type === 'cache:open') {
        if (opened === null) open(message.name, port);
        else log.warn('cache:open came twice; the first cache stays');
        return;
      }
      if (opened === null) {
        log.warn('cache:serve came before cache:open');
        port.close();
        return;
      }
      stopExternal?.();
      stopExternal = serveSyncSteps(port, tellPulledPages(opened.steps, opened.tell));
    },
    close: () => {
      isClosed = true;
      stopExternal?.();
      stopExternal = null;
      if (opened === null) return;
      opened.stopCommits();
      opened.stopPage();
      opened.db.close();
      opened = null;
    },
  };
};
