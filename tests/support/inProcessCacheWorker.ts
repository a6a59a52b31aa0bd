import { connectCacheWorker, type CacheWorkerClient, type CacheWorkerLike } from '../../renderer/cacheWorker/cacheClient';
import { createCacheHost } from '../../renderer/cacheWorker/cacheHost';
import type { PortLike } from '../../shared/sync/storePort';

/**
 * The cache worker's host in this process, reached through real MessagePorts as the page reaches
 * the worker: only the Worker itself is missing (Node has none that runs the renderer's modules
 * with fake-indexeddb). Messages to the worker arrive in a later task, as a worker's do.
 */
export const inProcessCacheWorker = (): CacheWorkerClient<PortLike> & { terminated(): boolean } => {
  const host = createCacheHost();
  let isTerminated = false;
  const worker: CacheWorkerLike<PortLike> = {
    postMessage: (message, transfer) => void setImmediate(() => host.receive(message, transfer)),
    terminate: () => {
      isTerminated = true;
      host.close();
    },
  };
  const { port1, port2 } = new MessageChannel();
  return { ...connectCacheWorker(worker, { mine: port1, theirs: port2 }), terminated: () => isTerminated };
};
