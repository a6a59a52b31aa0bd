import { connectCacheWorker, type CacheWorkerClient } from './cacheClient';

/** Starts the cache worker of this build (bundled beside the page, so the policy's `worker-src 'self'` allows it). */
export const startCacheWorker = (): CacheWorkerClient<MessagePort> => {
  const worker = new Worker(new URL('./cacheWorker.ts', import.meta.url), { type: 'module', name: 'meja-cache' });
  const { port1, port2 } = new MessageChannel();
  const client = connectCacheWorker(worker, { mine: port1, theirs: port2 });
  // A worker that cannot load (a missing file, a policy that refuses it) would leave every sync step waiting for its timeout.
  worker.addEventListener('error', (event) => client.fail(`The cache worker failed: ${event.message || 'it could not be loaded'}`));
  return client;
};
