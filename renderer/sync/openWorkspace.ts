import { liveQuery } from 'dexie';
import type { PublicUser } from '../../shared/domain/records';
import { randomUuid } from '../../shared/platform';
import { createSyncEngine, type SyncEngine } from '../../shared/sync/engine';
import { createHttpRemote, type FetchLike } from '../../shared/sync/httpRemote';
import { discard, retry } from '../../shared/sync/syncStore';
import type { SyncSteps } from '../../shared/sync/syncSteps';
import type { CacheWorkerClient } from '../cacheWorker/cacheClient';
import { startCacheWorker } from '../cacheWorker/startCacheWorker';
import { openCache, openMejaDb } from '../db/database';
import { createDexieLocalDb } from '../db/localDb';
import { createLogger } from '../logger';
import { trackTicketChanges } from '../queue/ticketChanges';
import { createHeldRecordBook } from './heldRecords';
import { trackPulledPages, type PulledPage, type PulledPageFeed } from './pulledPages';
import { storeShownFirst } from './shownFirst';
import { databaseName, type Workspace } from './workspace';

const log = createLogger('sync');

/**
 * The page's fetch in the shape the remote asks for. The remote's abort signals come from the
 * platform's own AbortController (shared/platform.ts), typed structurally there because shared/
 * compiles without DOM types; at run time they are real AbortSignals.
 */
const pageFetch: FetchLike = (url, init) =>
  window.fetch(url, init === undefined ? undefined : { ...init, signal: (init.signal ?? null) as AbortSignal | null });

/**
 * The cache's sync steps as an engine reaches them: `steps` for an engine in the page (web console),
 * `serve` to hand the worker a port to serve them on (the desktop main process's engine). Either
 * way they run in the cache worker.
 */
export type SyncCache = { steps: SyncSteps; serve(port: MessagePort): () => void };

/** Makes the engine that syncs a workspace's store: over HTTP in the page, or through the desktop shell. */
export type EngineFactory = (cache: SyncCache) => SyncEngine;

/** Pages the page's engine applied, and those the worker applied for the desktop shell's, as one feed. */
const bothPulled = (own: PulledPageFeed, served: PulledPageFeed): PulledPageFeed => ({
  subscribe: (listener: (pulled: PulledPage) => void) => {
    const stopOwn = own.subscribe(listener);
    const stopServed = served.subscribe(listener);
    return () => {
      stopOwn();
      stopServed();
    };
  },
});

/**
 * Opens the user's cache and the one door for changes over it. Only the engine differs between
 * the web console and the desktop app, so both share the cache, `run`, `retry` and `discard`.
 * The sync's writes (pulled pages, settled pushes, pruning) run in the cache worker, off this
 * thread; a technician's own change is stored from here, right after it is shown (shownFirst.ts).
 */
export const openWorkspaceWith = (
  user: PublicUser,
  createEngine: EngineFactory,
  startWorker: () => CacheWorkerClient<MessagePort> = startCacheWorker,
): Workspace => {
  const db = openMejaDb(databaseName(user.id));
  const { db: local, changes: ticketChanges, commits, announce, committedElsewhere } = trackTicketChanges(createDexieLocalDb(db));
  const worker = startWorker();
  const stopHearing = worker.onCommitted(committedElsewhere);
  // What the screens hold, so a change shows before the cache stores it (shownFirst.ts).
  const held = createHeldRecordBook();
  const stopHolding = commits.subscribe(held.committed);
  const staff = liveQuery(() => db.users.toArray()).subscribe({
    next: held.setUsers,
    error: (error: unknown) => log.warn('could not follow the staff list', error),
  });
  // The engine exists once the store does; the store asks it only while it syncs.
  let isFromScratch = (): boolean => false;
  const { steps, pulled: ownPulled } = trackPulledPages(worker.steps, () => isFromScratch());
  const engine = createEngine({ steps, serve: worker.serve });
  isFromScratch = () => engine.status().fromScratch;
  const pulledPages = bothPulled(ownPulled, {
    subscribe: (listener) => worker.onPulled((page) => listener({ page, fromScratch: isFromScratch() })),
  });

  // Until the first pull brings the staff list, the signed-in user is known from the sign-in
  // answer; assigning a ticket to oneself must work from the first second, even offline.
  const recordUser = () =>
    void db.users
      .get(user.id)
      .then((known) => (known === undefined ? db.users.put(user) : undefined))
      .catch((error: unknown) => log.warn('could not record the signed-in user', error));

  return {
    user,
    db,
    engine,
    ticketChanges,
    pulledPages,
    held,
    run: async (name, args) => {
      const result = await storeShownFirst(local, held, announce, { id: randomUuid(), name, args, at: new Date().toISOString(), actorId: user.id });
      if (result.ok && result.value.queued) void engine.syncNow();
      if (!result.ok) log.info(`${name} refused locally: ${result.error.message}`);
      return result;
    },
    retry: async (rejectedId, args) => {
      const attempt = { newId: randomUuid(), at: new Date().toISOString(), actorId: user.id, ...(args === undefined ? {} : { args }) };
      const result = await retry(local, rejectedId, attempt);
      if (result.ok && result.value.queued) void engine.syncNow();
      if (!result.ok) log.info(`retry of ${rejectedId} refused locally: ${result.error.message}`);
      return result;
    },
    discard: (rejectedId) => discard(local, rejectedId),
    // Nothing touches the database before this: opening it is what tells a newer cache apart.
    open: async () => {
      try {
        const opened = await openCache(db);
        if (opened === 'ok') {
          recordUser();
          // Only a cache this code may read is opened in the worker too; the engine's steps wait for it.
          worker.open(db.name);
        }
        return opened;
      } catch (error) {
        log.error('could not open the cache', error);
        return 'failed';
      }
    },
    close: () => {
      engine.stop();
      stopHearing();
      worker.close();
      stopHolding();
      staff.unsubscribe();
      db.close();
    },
  };
};

/** The web console's workspace: the page syncs itself over HTTP with the signed-in user's token. */
export const openWebWorkspace = (user: PublicUser, getToken: () => string | null): Workspace => {
  // The signed-in user's working set, not the whole desk (docs/ARCHITECTURE.md, "The working set").
  const workspace = openWorkspaceWith(user, ({ steps }) =>
    createSyncEngine({ steps, remote: createHttpRemote({ baseUrl: '', fetch: pageFetch, getToken }), scope: { userId: user.id } }),
  );
  // The browser knows first when the network goes: the header says offline at once, not at the
  // next failed request; and syncs as soon as it is back.
  const follow = () => workspace.engine.networkChanged(navigator.onLine);
  follow();
  window.addEventListener('online', follow);
  window.addEventListener('offline', follow);
  return {
    ...workspace,
    close: () => {
      window.removeEventListener('online', follow);
      window.removeEventListener('offline', follow);
      workspace.close();
    },
  };
};
