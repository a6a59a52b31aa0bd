/*
 * The app shell's service worker: the console must open with no network, its data then comes
 * from IndexedDB. Built files are precached at install and served cache-first; navigations get
 * the cached index.html (the console is a single page). /api is never touched: the sync engine
 * must see the network as it is.
 */

/** Filled in at build time by vite.config.ts: every built file, and a version derived from them. */
declare const __MEJA_PRECACHE__: readonly string[];
declare const __MEJA_CACHE_VERSION__: string;

// The DOM library describes windows; these are the parts of a worker's scope used here.
type ExtendableEvent = Event & { waitUntil(work: Promise<unknown>): void };
type FetchEvent = ExtendableEvent & { readonly request: Request; respondWith(response: Promise<Response>): void };
type WorkerScope = {
  readonly location: Location;
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  skipWaiting(): Promise<void>;
  readonly clients: { claim(): Promise<void> };
};

const scope = self as unknown as WorkerScope;
const CACHE_PREFIX = 'meja-shell-';
const CACHE_NAME = `${CACHE_PREFIX}${__MEJA_CACHE_VERSION__}`;
const INDEX = '/index.html';

scope.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE_NAME);
      // `reload` skips the HTTP cache, so a new worker never precaches a stale file.
      await cache.addAll(__MEJA_PRECACHE__.map((url) => new Request(url, { cache: 'reload' })));
      await scope.skipWaiting();
    })(),
  );
});

scope.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE_NAME).map((name) => caches.delete(name)));
      await scope.clients.claim();
    })(),
  );
});

const fromCache = async (request: Request | string): Promise<Response> => {
  const cache = await caches.open(CACHE_NAME);
  return (await cache.match(request)) ?? fetch(request);
};

scope.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== scope.location.origin || url.pathname.startsWith('/api/') || url.pathname === '/api') return;
  // The callers' tracking and self-help pages are pages of their own (renderer/track, renderer/help), never the console's shell.
  if (url.pathname === '/track' || url.pathname.startsWith('/track/')) return;
  if (url.pathname === '/help' || url.pathname.startsWith('/help/')) return;
  if (request.mode === 'navigate') {
    event.respondWith(fromCache(INDEX));
    return;
  }
  if (__MEJA_PRECACHE__.includes(url.pathname)) event.respondWith(fromCache(request));
});
