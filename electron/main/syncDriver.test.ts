import { randomUUID } from 'node:crypto';
import type { MessagePort } from 'node:worker_threads';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SyncStatus } from '../../shared/sync/engine';
import { createMemoryLocalDb, type MemoryLocalDb } from '../../shared/sync/memoryLocalDb';
import { ENTITY_NAMES, entityKey, type AnyEntity, type PullResponse } from '../../shared/sync/protocol';
import { serveSyncSteps } from '../../shared/sync/storePort';
import { mutate } from '../../shared/sync/syncStore';
import { createSyncSteps, type SyncSteps } from '../../shared/sync/syncSteps';
import { DATABASE_KINDS, createDatabase, type TestDatabase } from '../../tests/support/databases';
import { makeCreateArgs } from '../../tests/support/factories';
import { cleanFaults, createFaultyFetch } from '../../tests/support/faultyFetch';
import { push } from '../../tests/support/http';
import { login, pullAll } from '../../tests/support/syncClient';
import { startTestServer, type TestServer } from '../../tests/support/testServer';
import { createSyncDriver, type PulledInfo, type SyncDriver } from './syncDriver';

/** Conditions met by the real engine, server and port; generous because CI machines are slow. */
const eventually = (check: () => void | Promise<void>) => vi.waitFor(check, { timeout: 20_000, interval: 25 });

/** The renderer's side: an in-memory cache, its SyncSteps, served on one end of a real MessageChannel per attach. */
type Console = {
  local: MemoryLocalDb;
  steps: SyncSteps;
  /** A new channel, its far end served; the near end is for the driver. */
  connect(): { driverEnd: MessagePort; servedEnd: MessagePort };
  close(): void;
};

/** `serve` wraps what the port reaches, to stand in for a renderer that stops answering. */
const createConsole = (serve: (steps: SyncSteps) => SyncSteps = (steps) => steps): Console => {
  const local = createMemoryLocalDb();
  const steps = createSyncSteps(local, randomUUID);
  const served = serve(steps);
  const ports: MessagePort[] = [];
  return {
    local,
    steps,
    connect: () => {
      const { port1, port2 } = new MessageChannel();
      ports.push(port1, port2);
      serveSyncSteps(port2, served);
      return { driverEnd: port1, servedEnd: port2 };
    },
    close: () => ports.forEach((port) => port.close()),
  };
};

const cacheOf = (local: MemoryLocalDb): Map<string, AnyEntity> => {
  const state = new Map<string, AnyEntity>();
  for (const entity of ENTITY_NAMES) for (const record of local.records(entity)) state.set(entityKey(entity, record.id), record);
  return state;
};

const hasTicket = (local: MemoryLocalDb, id: string): boolean => local.records('ticket').some((ticket) => ticket.id === id);

describe.each(DATABASE_KINDS)('the sync driver against the real server on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  let tina: { token: string; userId: string };
  let samToken: string;
  const cleanups: Array<() => void> = [];

  beforeAll(async () => {
    database = await createDatabase(kind);
    server = await startTestServer(database.url, { demo: true });
    const signedIn = await login(server.url, 'tina', 'demo-password');
    tina = { token: signedIn.token, userId: signedIn.user.id };
    samToken = (await login(server.url, 'sam', 'demo-password')).token;
  });

  afterEach(() => {
    cleanups.splice(0).forEach((cleanup) => cleanup());
  });

  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  /** A driver for tina with everything it reports recorded; the timer is an hour, so only pokes and the live stream sync. */
  const startDriver = (options: { offline?: boolean; storeCallTimeoutMs?: number; syncSoonDelayMs?: number; serve?: (steps: SyncSteps) => SyncSteps } = {}) => {
    const faults = { ...cleanFaults(), offline: options.offline ?? false };
    const statuses: SyncStatus[] = [];
    const pages: Array<{ page: PullResponse; info: PulledInfo }> = [];
    const listenerErrors: unknown[] = [];
    const driver: SyncDriver = createSyncDriver({
      serverUrl: server.url,
      getToken: () => tina.token,
      fetch: createFaultyFetch(faults, Math.random).fetch,
      onStatus: (status) => statuses.push(status),
      onPulled: (page, info) => pages.push({ page, info }),
      onListenerError: (error) => listenerErrors.push(error),
      engineOptions: { intervalMs: 3_600_000, pullLimit: 50, ...(options.syncSoonDelayMs === undefined ? {} : { syncSoonDelayMs: options.syncSoonDelayMs }) },
      ...(options.storeCallTimeoutMs === undefined ? {} : { storeCallTimeoutMs: options.storeCallTimeoutMs }),
    });
    const renderer = createConsole(options.serve);
    cleanups.push(() => {
      driver.stop();
      renderer.close();
    });
    return { driver, renderer, faults, statuses, pages, listenerErrors };
  };

  const synced = (driver: SyncDriver) => {
    const status = driver.status();
    expect(status.state).toBe('idle');
    expect(status.lastSyncedAt).not.toBeNull();
  };

  const createAsSam = async (): Promise<string> => {
    const args = makeCreateArgs({ title: 'Projector in room 2 shows no signal' });
    const [result] = (await push(server.url, samToken, [{ name: 'ticket:create', args, at: new Date().toISOString() }])).results;
    expect(result?.status).toBe('applied');
    return args.id;
  };

  it('fills an empty cache with everything the server has, page by page, from scratch', async () => {
    const { driver, renderer, statuses, pages, listenerErrors } = startDriver();
    expect(driver.status().state).toBe('stopped');
    driver.attach(renderer.connect().driverEnd);
    await eventually(() => synced(driver));

    expect(cacheOf(renderer.local)).toEqual(await pullAll(server.url, tina.token));
    // The first sync ends with the first page that has nothing more; the live stream's connection may add a sync after it.
    const firstSyncLength = pages.findIndex(({ page }) => !page.hasMore) + 1;
    expect(firstSyncLength).toBeGreaterThan(1);
    expect(pages.slice(0, firstSyncLength).every(({ info }) => info.fromScratch)).toBe(true);
    expect(pages.slice(firstSyncLength).every(({ info }) => !info.fromScratch)).toBe(true);
    expect((await renderer.steps.beginPull()).cursor).toBe(pages.at(-1)?.page.cursor);
    const states = statuses.map((status) => status.state);
    expect(states[0]).toBe('syncing');
    expect(states.at(-1)).toBe('idle');
    expect(statuses.some((status) => status.state === 'syncing' && status.fromScratch && status.total !== null && status.received > 0)).toBe(true);
    expect(listenerErrors).toEqual([]);
  });

  it('sends a local change when asked to sync now, and counts it pending while the network is down', async () => {
    const { driver, renderer, faults, statuses } = startDriver();
    driver.attach(renderer.connect().driverEnd);
    await eventually(() => synced(driver));

    const online = makeCreateArgs({ title: 'Outlook asks for the password again' });
    expect(
      (await mutate(renderer.local, { id: randomUUID(), name: 'ticket:create', args: online, at: new Date().toISOString(), actorId: tina.userId })).ok,
    ).toBe(true);
    driver.syncNow();
    await eventually(async () => expect((await pullAll(server.url, tina.token)).has(entityKey('ticket', online.id))).toBe(true));
    await eventually(() => synced(driver));

    faults.offline = true;
    driver.networkChanged(false);
    // At once, from the OS's word alone: no request has failed yet.
    expect(driver.status().state).toBe('offline');
    expect(statuses.at(-1)?.state).toBe('offline');
    const offline = makeCreateArgs({ title: 'Badge reader at the side door is dead' });
    expect(
      (await mutate(renderer.local, { id: randomUUID(), name: 'ticket:create', args: offline, at: new Date().toISOString(), actorId: tina.userId })).ok,
    ).toBe(true);
    driver.syncNow();
    await eventually(() => expect(driver.status()).toMatchObject({ state: 'offline', pending: 1 }));
    expect(statuses.at(-1)).toEqual(driver.status());
    expect(driver.status().nextRetryAt).not.toBeNull();

    faults.offline = false;
    driver.networkChanged(true);
    await eventually(() => expect(driver.status()).toMatchObject({ state: 'idle', pending: 0, error: null }));
    expect((await pullAll(server.url, tina.token)).has(entityKey('ticket', offline.id))).toBe(true);
    expect(await renderer.steps.pendingCount()).toBe(0);
  });

  it('attaches a page offline when the OS network is down: offline at once, with the time of the sync its cache last had', async () => {
    const { driver, renderer, faults, statuses } = startDriver();
    driver.attach(renderer.connect().driverEnd);
    await eventually(() => synced(driver));
    const syncedAt = driver.status().lastSyncedAt;

    faults.offline = true;
    driver.networkChanged(false);
    // A reload of the page: it attaches again, to a new engine.
    driver.attach(renderer.connect().driverEnd);
    expect(driver.status().state).toBe('offline');
    await eventually(() => expect(driver.status()).toMatchObject({ state: 'offline', lastSyncedAt: syncedAt }));
    const sinceReload = statuses.slice(statuses.findLastIndex((status) => status.state === 'stopped') + 1);
    expect(sinceReload.map((status) => status.state)).not.toContain('idle');
  });

  it("sends a local change at once, without waiting out the engine's delay for the server's pokes", async () => {
    // syncSoon, as for a poke from the server, would wait an hour: only an immediate sync can deliver the change.
    const { driver, renderer } = startDriver({ syncSoonDelayMs: 3_600_000 });
    driver.attach(renderer.connect().driverEnd);
    await eventually(() => synced(driver));

    const args = makeCreateArgs({ title: 'Docking station drops the second screen' });
    expect((await mutate(renderer.local, { id: randomUUID(), name: 'ticket:create', args, at: new Date().toISOString(), actorId: tina.userId })).ok).toBe(true);
    driver.syncNow();
    await eventually(async () => expect((await pullAll(server.url, tina.token)).has(entityKey('ticket', args.id))).toBe(true));
  });

  it("receives another technician's change through the live stream, without a poke", async () => {
    const { driver, renderer, pages } = startDriver();
    driver.attach(renderer.connect().driverEnd);
    await eventually(() => {
      synced(driver);
      expect(driver.status().live).toBe(true);
    });
    const firstSyncPages = pages.length;

    const ticketId = await createAsSam();
    await eventually(() => expect(hasTicket(renderer.local, ticketId)).toBe(true));
    // The renderer's cache has the ticket a moment before the driver hears that its page was applied.
    const isLaterPage = () =>
      pages.slice(firstSyncPages).some(({ page }) => page.changes.some((change) => change.entity === 'ticket' && change.id === ticketId));
    await eventually(() => expect(isLaterPage()).toBe(true));
    expect(pages.slice(firstSyncPages).every(({ info }) => !info.fromScratch)).toBe(true);
  });

  it('stops syncing when detached, and resumes from the stored cursor when attached again', async () => {
    const { driver, renderer, pages, statuses } = startDriver();
    // A second console that stays attached: once it has a change, a live driver would have it too.
    const control = startDriver();
    control.driver.attach(control.renderer.connect().driverEnd);
    const first = renderer.connect();
    let firstClosed = false;
    first.servedEnd.addEventListener('close', () => {
      firstClosed = true;
    });
    driver.attach(first.driverEnd);
    await eventually(() => synced(driver));
    const firstSyncChanges = pages.reduce((sum, { page }) => sum + page.changes.length, 0);
    const { cursor } = await renderer.steps.beginPull();

    driver.detach();
    expect(driver.status()).toMatchObject({ state: 'stopped', pending: 0, live: false });
    expect(statuses.at(-1)?.state).toBe('stopped');
    // The renderer's end sees the port close: nothing can reach its store through it any more.
    await eventually(() => expect(firstClosed).toBe(true));

    await eventually(() => expect(control.driver.status()).toMatchObject({ state: 'idle', live: true }));
    const ticketId = await createAsSam();
    driver.syncNow();
    driver.resumed();
    driver.networkChanged(true);
    await eventually(() => expect(hasTicket(control.renderer.local, ticketId)).toBe(true));
    expect(driver.status().state).toBe('stopped');
    expect(hasTicket(renderer.local, ticketId)).toBe(false);
    expect((await renderer.steps.beginPull()).cursor).toBe(cursor);

    const pagesBefore = pages.length;
    driver.attach(renderer.connect().driverEnd);
    await eventually(() => {
      expect(hasTicket(renderer.local, ticketId)).toBe(true);
      synced(driver);
    });
    const resumed = pages.slice(pagesBefore);
    expect(resumed.every(({ info }) => !info.fromScratch)).toBe(true);
    // Only what changed since the cursor came down, not the whole feed again.
    expect(resumed.reduce((sum, { page }) => sum + page.changes.length, 0)).toBeLessThan(firstSyncChanges);
    expect(cacheOf(renderer.local)).toEqual(await pullAll(server.url, tina.token));
  });

  it('replaces the store attached before: the old port is closed and the new one syncs', async () => {
    const { driver, renderer } = startDriver();
    const first = renderer.connect();
    let firstClosed = false;
    first.servedEnd.addEventListener('close', () => {
      firstClosed = true;
    });
    driver.attach(first.driverEnd);
    // Attached again at once, as after a renderer reload: the first engine may be mid-sync.
    driver.attach(renderer.connect().driverEnd);
    await eventually(() => {
      expect(firstClosed).toBe(true);
      synced(driver);
    });
    expect(cacheOf(renderer.local)).toEqual(await pullAll(server.url, tina.token));
  });

  it('reports an error when the store stops answering, and syncs again when asked', async () => {
    let frozen = true;
    const { driver, renderer } = startDriver({
      storeCallTimeoutMs: 300,
      serve: (steps) => ({
        ...steps,
        // A renderer too busy to answer: the first pull's start never comes back.
        beginPull: () => (frozen ? new Promise(() => undefined) : steps.beginPull()),
      }),
    });
    driver.attach(renderer.connect().driverEnd);
    await eventually(() => expect(driver.status()).toMatchObject({ state: 'error', error: 'The local store did not answer beginPull within 300 ms.' }));
    expect(driver.status().nextRetryAt).not.toBeNull();

    frozen = false;
    driver.syncNow();
    await eventually(() => synced(driver));
    expect(cacheOf(renderer.local)).toEqual(await pullAll(server.url, tina.token));
  });

  it('reports signed-out when the server refuses the token, and does not attach after stop', async () => {
    const { driver, renderer } = startDriver();
    tina = { ...tina, token: 'not-a-token' };
    try {
      driver.attach(renderer.connect().driverEnd);
      await eventually(() => expect(driver.status()).toMatchObject({ state: 'signed-out', nextRetryAt: null }));
    } finally {
      tina = { ...tina, token: (await login(server.url, 'tina', 'demo-password')).token };
    }
    driver.stop();
    const late = renderer.connect();
    let lateClosed = false;
    late.servedEnd.addEventListener('close', () => {
      lateClosed = true;
    });
    driver.attach(late.driverEnd);
    await eventually(() => expect(lateClosed).toBe(true));
    expect(driver.status().state).toBe('stopped');
  });
});
