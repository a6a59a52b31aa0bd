import type { PortLike } from '../../shared/sync/storePort';
import { createCacheHost } from './cacheHost';

/*
 * The cache worker's entry (a dedicated worker the page starts, renderer/cacheWorker/cacheClient.ts):
 * the sync's IndexedDB writes run here, so the browser clones and indexes each record off the
 * page's main thread. Only the page that started it can post to it.
 */

const host = createCacheHost();

// Typed as the page's window by the DOM library; in this worker it is the worker's global scope.
self.addEventListener('message', (event: MessageEvent<unknown>) => {
  const ports: readonly PortLike[] = event.ports;
  host.receive(event.data, ports);
});
