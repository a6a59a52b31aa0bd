import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SYNC_PORT_MESSAGE } from '../../shared/ipc/channels';
import type { SyncStatus } from '../../shared/sync/engine';
import { randomUuid } from '../../shared/platform';
import { createPortSyncSteps, type PortLike } from '../../shared/sync/storePort';
import { mutate } from '../../shared/sync/syncStore';
import type { SyncSteps } from '../../shared/sync/syncSteps';
import { makeCreateArgs, makeUser } from '../../tests/support/factories';
import { INITIAL_SYNC_STATUS } from '../app/sessionSlice';
import { openMejaDb, type MejaDb } from '../db/database';
import { createDexieLocalDb } from '../db/localDb';
import { createBridgeEngine, type MessageWindow, type PortMessage } from './bridgeEngine';
import { makeStandInBridge } from './standInBridge';
import { inProcessCacheWorker } from '../../tests/support/inProcessCacheWorker';

const ORIGIN = 'app://console';
const tech = makeUser({ id: 'user-tech' });
const opened: PortLike[] = [];

/** The page's window: only what the engine reads, with a way to deliver a window message. */
const makeWindow = () => {
  const listeners = new Set<(event: PortMessage) => void>();
  const win: MessageWindow & { deliver(event: Partial<PortMessage>): void; listenerCount(): number } = {
    location: { origin: ORIGIN },
    addEventListener: (_type, listener) => void listeners.add(listener),
    removeEventListener: (_type, listener) => void listeners.delete(listener),
    deliver: (event) => listeners.forEach((listener) => listener({ source: win, origin: ORIGIN, data: SYNC_PORT_MESSAGE, ports: [], ...event })),
    listenerCount: () => listeners.size,
  };
  return win;
};

/**
 * The main process as the page sees it: `sync:attach` makes a real MessageChannel, keeps one end
 * as the driver's SyncSteps proxy and posts the other to the window the way the preload forwards it.
 */
const makeMainProcess = (win: ReturnType<typeof makeWindow>) => {
  const driverStores: (SyncSteps & { close(): void })[] = [];
  let status: SyncStatus = { ...INITIAL_SYNC_STATUS, state: 'idle', lastSyncedAt: '2026-03-02T09:00:00.000Z' };
  const main = makeStandInBridge({
    'sync:status': () => status,
    'sync:now': () => null,
    'sync:attach': () => {
      const { port1, port2 } = new MessageChannel();
      opened.push(port1, port2);
      driverStores.forEach((store) => store.close());
      driverStores.push(createPortSyncSteps(port1, { timeoutMs: 5_000 }));
      // Posted after the answer, as webContents.postMessage arrives after the invoke resolves.
      queueMicrotask(() => win.deliver({ ports: [port2] }));
      return null;
    },
  });
  const report = (patch: Partial<SyncStatus>) => {
    status = { ...status, ...patch };
    main.emit('sync:status', status);
  };
  return { ...main, driverStores, report, latestStore: () => driverStores.at(-1) };
};

/** Resolves once `check` holds, polling the event loop (no timers asserted on). */
const until = async (check: () => boolean): Promise<void> => {
  for (let turn = 0; turn < 1000 && !check(); turn += 1) await new Promise((resolve) => setImmediate(resolve));
  if (!check()) throw new Error('condition never held');
};

let db: MejaDb;
// The page's cache worker: the main process's port is handed to it, and it serves the steps.
let cache: ReturnType<typeof inProcessCacheWorker>;

beforeEach(async () => {
  db = openMejaDb(`test-${randomUuid()}`);
  await db.users.put(tech);
  cache = inProcessCacheWorker();
  cache.open(db.name);
});

afterEach(async () => {
  cache.close();
  opened.splice(0).forEach((port) => port.close());
  await db.delete();
});

describe('the desktop bridge engine', () => {
  it('asks for the status, attaches, and serves the Dexie cache on the port the main process sends', async () => {
    const win = makeWindow();
    const main = makeMainProcess(win);
    const engine = createBridgeEngine(main.bridge, cache.serve, win);
    const created = await mutate(createDexieLocalDb(db), {
      id: randomUuid(),
      name: 'ticket:create',
      args: makeCreateArgs(),
      at: new Date().toISOString(),
      actorId: tech.id,
    });
    expect(created.ok).toBe(true);

    engine.start();
    await until(() => main.driverStores.length === 1);
    expect(main.channelsCalled()).toEqual(['sync:status', 'sync:attach']);
    expect(engine.status().lastSyncedAt).toBe('2026-03-02T09:00:00.000Z');

    // The main process's driver reads the page's cache through the port.
    const driverStore = main.latestStore();
    expect(await driverStore?.pendingCount()).toBe(1);
    expect((await driverStore?.nextPushBatch({ limit: 10 }))?.entries.map((mutation) => mutation.name)).toEqual(['ticket:create']);
    engine.stop();
  });

  it('mirrors the sync:status events and asks for a sync with sync:now', async () => {
    const win = makeWindow();
    const main = makeMainProcess(win);
    const engine = createBridgeEngine(main.bridge, cache.serve, win);
    const seen: SyncStatus[] = [];
    engine.onStatus((status) => seen.push(status));
    engine.start();
    await until(() => main.driverStores.length === 1);

    main.report({ state: 'syncing', received: 250, total: 900, fromScratch: true });
    expect(engine.status()).toMatchObject({ state: 'syncing', received: 250, total: 900 });
    expect(seen.at(-1)).toMatchObject({ state: 'syncing', received: 250 });

    expect(await engine.syncNow()).toEqual({ ok: true, pushed: 0, pulled: 0 });
    engine.syncSoon();
    await until(() => main.channelsCalled().filter((channel) => channel === 'sync:now').length === 2);
    engine.stop();
  });

  it('ignores window messages that are not the preload’s forward', async () => {
    const win = makeWindow();
    const main = makeMainProcess(win);
    const engine = createBridgeEngine(main.bridge, cache.serve, win);
    engine.start();
    await until(() => main.driverStores.length === 1);
    const served = main.latestStore();

    const strangers = [new MessageChannel(), new MessageChannel(), new MessageChannel(), new MessageChannel()];
    strangers.forEach(({ port1, port2 }) => opened.push(port1, port2));
    const [otherSource, otherOrigin, otherData, twoPorts] = strangers;
    win.deliver({ source: {}, ports: [otherSource?.port2 as PortLike] });
    win.deliver({ origin: 'https://evil.example', ports: [otherOrigin?.port2 as PortLike] });
    win.deliver({ data: 'meja:other', ports: [otherData?.port2 as PortLike] });
    win.deliver({ ports: [twoPorts?.port1 as PortLike, twoPorts?.port2 as PortLike] });
    win.deliver({ ports: [] });

    // None of them replaced the served port: the driver's store still answers.
    expect(await served?.pendingCount()).toBe(0);
    // A stranger's port gets no answers: a call on it would wait for its timeout.
    const stranger = createPortSyncSteps(otherSource?.port1 as PortLike, { timeoutMs: 50 });
    await expect(stranger.pendingCount()).rejects.toThrow();
    stranger.close();
    engine.stop();
  });

  it('stops listening, unsubscribes and stops serving on stop()', async () => {
    const win = makeWindow();
    const main = makeMainProcess(win);
    const engine = createBridgeEngine(main.bridge, cache.serve, win);
    engine.start();
    await until(() => main.driverStores.length === 1);
    expect(main.listenerCount('sync:status')).toBe(1);

    engine.stop();
    expect(win.listenerCount()).toBe(0);
    expect(main.listenerCount('sync:status')).toBe(0);
    expect(engine.status().state).toBe('stopped');
    await expect(main.latestStore()?.pendingCount()).rejects.toThrow();
  });

  it('attaches again after a reload: a new page serves a fresh port', async () => {
    const win = makeWindow();
    const main = makeMainProcess(win);
    const before = createBridgeEngine(main.bridge, cache.serve, win);
    before.start();
    await until(() => main.driverStores.length === 1);
    // A reload: the old page is gone without a word, the new one starts over.
    before.stop();
    const after = createBridgeEngine(main.bridge, cache.serve, win);
    after.start();
    await until(() => main.driverStores.length === 2);
    expect(await main.latestStore()?.pendingCount()).toBe(0);
    expect(main.channelsCalled().filter((channel) => channel === 'sync:attach')).toHaveLength(2);
    after.stop();
  });

  it('does not take a signed-out status left from the previous session for this one', async () => {
    const win = makeWindow();
    const main = makeMainProcess(win);
    main.report({ state: 'signed-out' });
    const engine = createBridgeEngine(main.bridge, cache.serve, win);
    const seen: string[] = [];
    engine.onStatus((status) => seen.push(status.state));
    engine.start();
    await until(() => main.driverStores.length === 1);
    await until(() => main.calls.length === 2);
    expect(seen).not.toContain('signed-out');
    // Once attached, the server refusing the token is this session's news.
    main.report({ state: 'signed-out' });
    expect(engine.status().state).toBe('signed-out');
    engine.stop();
  });

  it('shows an error status when the main process refuses to attach', async () => {
    const win = makeWindow();
    const main = makeStandInBridge({ 'sync:status': () => INITIAL_SYNC_STATUS });
    const engine = createBridgeEngine(main.bridge, cache.serve, win);
    engine.start();
    await until(() => engine.status().state === 'error');
    expect(engine.status().error).toMatch(/sync:attach/);
    expect(await engine.syncNow()).toMatchObject({ ok: false });
    engine.stop();
  });
});
