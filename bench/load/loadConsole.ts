import { randomUUID } from 'node:crypto';
import { openMejaDb } from '../../renderer/db/database';
import { createDexieLocalDb } from '../../renderer/db/localDb';
import type { PublicUser } from '../../shared/domain/records';
import { seededRandom } from '../../shared/seededRandom';
import { createSyncEngine, type SyncEngine } from '../../shared/sync/engine';
import { createHttpRemote } from '../../shared/sync/httpRemote';
import type { LocalDb } from '../../shared/sync/localStore';
import { createMemoryLocalDb } from '../../shared/sync/memoryLocalDb';
import { ENTITY_NAMES, entityKey, type AnyEntity, type Change } from '../../shared/sync/protocol';
import type { Remote } from '../../shared/sync/remote';
import { cacheState } from '../../tests/support/syncClient';
import { mutate } from '../../shared/sync/syncStore';
import { createSyncSteps, liveChangesApplied, type SyncSteps } from '../../shared/sync/syncSteps';
import type { Recorder } from './recorder';
import { createWire, type Wire } from '../../tests/support/cuttableWire';
import { nextAction } from './workload';

/** Where a load console keeps its cache: Dexie on (fake) IndexedDB as the console does, or the in-memory store of the same port. */
export type LoadStorage = 'indexeddb' | 'memory';

type Cache = { local: LocalDb; state(): Promise<Map<string, AnyEntity>>; close(): Promise<void> };

const openCache = (storage: LoadStorage, name: string): Cache => {
  if (storage === 'memory') {
    const memory = createMemoryLocalDb();
    return {
      local: memory,
      state: async () =>
        new Map(ENTITY_NAMES.flatMap((entity) => memory.records(entity).map((record): [string, AnyEntity] => [entityKey(entity, record.id), record]))),
      close: async () => undefined,
    };
  }
  const db = openMejaDb(`meja-load-${name}-${randomUUID()}`);
  return {
    local: createDexieLocalDb(db),
    state: () => cacheState(db),
    close: async () => {
      db.close();
      await db.delete();
    },
  };
};

export type LoadConsole = {
  name: string;
  user: PublicUser;
  engine: SyncEngine;
  wire: Wire;
  /** Ids of every change this console queued. */
  queued: string[];
  /** Makes one change, as a technician at this console would, and asks the engine to sync it. */
  act(technicianIds: readonly string[]): Promise<void>;
  /** Everything in the cache, keyed `entity/id`. */
  cache(): Promise<Map<string, AnyEntity>>;
  /** Changes still in the outbox (not yet settled). */
  outboxSize(): Promise<number>;
  /** Which of these change ids the console lists as refused by the server. */
  rejected(ids: readonly string[]): Promise<Set<string>>;
  goOffline(): void;
  goOnline(): void;
  close(): Promise<void>;
};

const TRACKED = /^Load .+ #\d+$/;

/**
 * The server as this console's engine sees it, noting pull round trips, pokes and the pushes of
 * tracked title edits; and the cache side, noting when pulled pages land.
 */
const instrument = (name: string, inner: Remote, steps: SyncSteps, wire: Wire, recorder: Recorder, knownTickets: Set<string>) => {
  let pokes: number[] = [];
  let skipPoke = false;
  let lastPullSentAt = 0;
  const remote: Remote = {
    ticketRecords: (ticketIds) => inner.ticketRecords(ticketIds),
    pull: async (cursor, limit, options) => {
      const sentAt = performance.now();
      const page = await inner.pull(cursor, limit, options);
      lastPullSentAt = sentAt;
      if (recorder.measuring) recorder.pullMs.push(performance.now() - sentAt);
      return page;
    },
    push: async (request) => {
      const sentAt = performance.now();
      const response = await inner.push(request);
      const titles = new Map(
        request.mutations.flatMap((m) =>
          m.name === 'ticket:update' && typeof (m.args as { title?: unknown }).title === 'string' ? [[m.id, (m.args as { title: string }).title]] : [],
        ),
      );
      for (const result of response.results) {
        if (!recorder.measuring) continue;
        if (result.status === 'applied') recorder.applied += 1;
        if (result.status === 'rejected') recorder.rejected += 1;
        const title = titles.get(result.id);
        if (result.status === 'applied' && title !== undefined && TRACKED.test(title) && !recorder.titleSentAt.has(title))
          recorder.titleSentAt.set(title, sentAt);
      }
      return response;
    },
    subscribe: (onPoke, onConnection, live) =>
      inner.subscribe(
        () => {
          // The engine is poked once on every (re)connection; that is not the server announcing a change.
          if (skipPoke) skipPoke = false;
          else if (!wire.offline && recorder.measuring) pokes.push(performance.now());
          onPoke();
        },
        (connected, loss) => {
          if (connected) skipPoke = true;
          onConnection?.(connected, loss);
        },
        live,
      ),
  };
  const noteShown = (changes: readonly Change[], at: number) => {
    for (const change of changes) {
      if (change.entity !== 'ticket') continue;
      if (change.op === 'delete') knownTickets.delete(change.id);
      else {
        knownTickets.add(change.id);
        if (recorder.measuring && TRACKED.test(change.data.title)) recorder.titleShown.push({ title: change.data.title, console: name, at });
      }
    }
  };
  const instrumentedSteps: SyncSteps = {
    ...steps,
    applyPull: async (input) => {
      const outcome = await steps.applyPull(input);
      // Not applied: it waits for a catch-up, and is applied (and seen here) with it.
      if (!outcome.applied) return outcome;
      const { page } = input;
      const at = performance.now();
      noteShown(page.changes, at);
      if (page.hasMore) return outcome;
      // Every poke that came before this pull's last request is now in the cache.
      const answered = pokes.filter((t) => t <= lastPullSentAt);
      pokes = pokes.filter((t) => t > lastPullSentAt);
      if (recorder.measuring) for (const t of answered) recorder.pokeToVisibleMs.push(at - t);
      return outcome;
    },
    applyLive: async (input) => {
      const outcome = await steps.applyLive(input);
      if (outcome.outcome !== 'applied') return outcome;
      const { changes } = liveChangesApplied(input.batch, outcome);
      noteShown(changes, performance.now());
      if (recorder.measuring) {
        recorder.liveBatches += 1;
        recorder.liveChanges += changes.length;
      }
      return outcome;
    },
  };
  return { remote, steps: instrumentedSteps, dropPokes: () => (pokes = []) };
};

/** A console without UI: the real sync engine on its own IndexedDB (fake-indexeddb in Node), signed in over one instance. */
export const createLoadConsole = (options: {
  baseUrl: string;
  token: string;
  user: PublicUser;
  name: string;
  seed: number;
  recorder: Recorder;
  storage: LoadStorage;
}): LoadConsole => {
  const { name, user, recorder } = options;
  const random = seededRandom(options.seed);
  const wire = createWire();
  const cache = openCache(options.storage, name);
  const { local } = cache;
  const knownTickets = new Set<string>();
  const http = createHttpRemote({ baseUrl: options.baseUrl, fetch: wire.fetch, getToken: () => options.token, random, timeoutMs: 30_000 });
  const parts = instrument(name, http, createSyncSteps(local, randomUUID), wire, recorder, knownTickets);
  const engine = createSyncEngine({ steps: parts.steps, remote: parts.remote, random });
  const queued: string[] = [];
  let seq = 0;
  let offlineSince = 0;
  return {
    name,
    user,
    engine,
    wire,
    queued,
    act: async (technicianIds) => {
      seq += 1;
      const ids = [...knownTickets];
      // Technicians mostly work the recent end of the queue.
      const recent = ids.slice(Math.max(0, ids.length - 40));
      const targetId = recent.length === 0 ? undefined : recent[Math.floor(random() * recent.length)];
      const ticket = targetId === undefined ? undefined : (await local.transaction((tx) => tx.getMany('ticket', [targetId])))[0];
      const action = nextAction({ console: name, seq, random, ticket, technicianIds, now: new Date() });
      if (action === undefined) return;
      const id = randomUUID();
      const result = await mutate(local, { id, name: action.name, args: action.args, at: new Date().toISOString(), actorId: user.id });
      if (result.ok && result.value.queued) queued.push(id);
      engine.syncSoon();
    },
    cache: () => cache.state(),
    outboxSize: () => local.transaction(async (tx) => (await tx.outbox()).length),
    rejected: (ids) =>
      local.transaction(async (tx) => {
        const found = new Set<string>();
        for (const id of ids) if ((await tx.getRejected(id)) !== undefined) found.add(id);
        return found;
      }),
    goOffline: () => {
      offlineSince = performance.now();
      wire.goOffline();
      parts.dropPokes();
    },
    goOnline: () => {
      const outages = recorder.outages.get(name) ?? [];
      outages.push({ from: offlineSince, to: performance.now() });
      recorder.outages.set(name, outages);
      wire.goOnline();
      engine.syncSoon();
    },
    close: async () => {
      engine.stop();
      await cache.close();
    },
  };
};
