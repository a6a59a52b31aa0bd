import { createEmitter } from '../../shared/emitter';
import type { PullResponse } from '../../shared/sync/protocol';
import { createPortSyncSteps, type PortEvent, type PortLike } from '../../shared/sync/storePort';
import type { SyncSteps } from '../../shared/sync/syncSteps';
import { createLogger } from '../logger';
import type { TicketChange } from '../queue/ticketChanges';
import { parseFromWorker, type ToCacheWorker } from './cacheMessages';

const log = createLogger('cache-worker');

/** The worker as the page uses it: a browser Worker, or in Node tests an object that hands messages to a host. */
export type CacheWorkerLike<P extends PortLike> = { postMessage(message: ToCacheWorker, transfer: P[]): void; terminate(): void };

/**
 * The page's end of the cache worker. Its `steps` are the sync steps run by the worker, one message
 * and one answer each (shared/sync/storePort.ts), for the page's own engine (web console).
 */
export type CacheWorkerClient<P extends PortLike> = {
  steps: SyncSteps;
  /** Each transaction the worker committed, with the tickets it wrote. */
  onCommitted(listener: (change: TicketChange) => void): () => void;
  /** Each page of a pull the worker serves to someone else (`serve`), once committed; never one of a pull from scratch. */
  onPulled(listener: (page: PullResponse) => void): () => void;
  /** Opens the cache `name` in the worker. Calls to `steps` made before wait for it. */
  open(name: string): void;
  /** Hands `port` to the worker, which serves the steps on it (the desktop main process's port); stop with the returned function. */
  serve(port: P): () => void;
  /** Makes every waiting and later call of `steps` fail with `reason` (the worker could not start). */
  fail(reason: string): void;
  /** Ends the worker: the database closes, calls under way fail. */
  close(): void;
};

/**
 * Joins the page to a cache worker through `channel`: the page keeps `mine`, the worker gets
 * `theirs` with `cache:open`. Step answers and the worker's notices share that one port, so a
 * transaction's announcement reaches the page before the answer of the step that committed it.
 */
export const connectCacheWorker = <P extends PortLike>(worker: CacheWorkerLike<P>, channel: { mine: PortLike; theirs: P }): CacheWorkerClient<P> => {
  const committed = createEmitter<TicketChange>({ onListenerError: (error) => log.error('a listener of cache commits failed', error) });
  const pulled = createEmitter<PullResponse>({ onListenerError: (error) => log.error('a listener of pulled pages failed', error) });
  const onNotice = (event: PortEvent) => {
    const notice = parseFromWorker(event.data);
    if (notice?.type === 'cache:committed') committed.emit(notice.change);
    else if (notice?.type === 'cache:pulled') pulled.emit(notice.page);
  };
  channel.mine.addEventListener('message', onNotice);
  const steps = createPortSyncSteps(channel.mine);
  let isOpen = false;
  let isClosed = false;
  return {
    steps,
    onCommitted: committed.on,
    onPulled: pulled.on,
    open: (name) => {
      if (isOpen || isClosed) return;
      isOpen = true;
      worker.postMessage({ type: 'cache:open', name }, [channel.theirs]);
    },
    serve: (port) => {
      worker.postMessage({ type: 'cache:serve' }, [port]);
      return () => {
        if (!isClosed) worker.postMessage({ type: 'cache:unserve' }, []);
      };
    },
    fail: (reason) => {
      log.error(reason);
      steps.close();
    },
    close: () => {
      if (isClosed) return;
      isClosed = true;
      channel.mine.removeEventListener('message', onNotice);
      steps.close();
      committed.clear();
      pulled.clear();
      worker.terminate();
    },
  };
};
