import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSyncEngine, type SyncEngine, type SyncState, type SyncStatus } from '../../shared/sync/engine';
import { createHttpRemote, type FetchLike } from '../../shared/sync/httpRemote';
import { createMemoryLocalDb } from '../../shared/sync/memoryLocalDb';
import type { StreamLoss } from '../../shared/sync/remote';
import { createSyncSteps, type SyncSteps } from '../../shared/sync/syncSteps';
import { createWire, type Wire } from '../support/cuttableWire';
import { createSqliteDatabase, type TestDatabase } from '../support/databases';
import { startTestServer, signInTechnician, type TestServer } from '../support/testServer';

/*
 * How soon a console knows it is offline. Each of three signals must flip the state on its own,
 * without a sync cycle to notice: the platform's word on the network, a request failing at the
 * network, and the event stream being cut. The server is real, over loopback; only the wire in
 * between is cut, as a lost Wi-Fi would.
 */

/** Long enough that no timed sync runs during a test: only the signals can change the state. */
const NO_TIMED_SYNC = 3_600_000;

describe('a console learns it is offline from any one signal', () => {
  let database: TestDatabase;
  let server: TestServer;
  let token: string;
  const stops: Array<() => void> = [];

  beforeAll(async () => {
    database = await createSqliteDatabase();
    server = await startTestServer(database.url);
    token = await signInTechnician(server);
  });
  afterEach(() => {
    stops.splice(0).forEach((stop) => stop());
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  const startConsole = (options: { steps?: SyncSteps; wire?: Wire; fetch?: FetchLike; isNetworkUp?: boolean } = {}) => {
    const wire = options.wire ?? createWire();
    const steps = options.steps ?? createSyncSteps(createMemoryLocalDb(), randomUUID);
    const remote = createHttpRemote({ baseUrl: server.url, fetch: options.fetch ?? wire.fetch, getToken: () => token });
    const engine: SyncEngine = createSyncEngine({ steps, remote, intervalMs: NO_TIMED_SYNC });
    const states: SyncState[] = [];
    engine.onStatus((status: SyncStatus) => {
      if (states.at(-1) !== status.state) states.push(status.state);
    });
    if (options.isNetworkUp !== undefined) engine.networkChanged(options.isNetworkUp);
    engine.start();
    stops.push(() => engine.stop());
    return { engine, wire, steps, states };
  };

  const syncedAndLive = async (engine: SyncEngine) => {
    await expect.poll(() => engine.status()).toMatchObject({ state: 'idle', live: true });
    expect(engine.status().lastSyncedAt).not.toBeNull();
  };

  /** A wire whose new requests fail while `cut.isCut`; the event stream, connected before, stays up. */
  const requestsCut = () => {
    const wire = createWire();
    const cut = { isCut: false, refused: 0 };
    const fetch: FetchLike = (url, init) => {
      if (!cut.isCut || url.endsWith('/api/sync/events')) return wire.fetch(url, init);
      cut.refused += 1;
      return Promise.reject(new TypeError('fetch failed: network is offline'));
    };
    return { cut, fetch, wire };
  };

  it('says offline the moment the platform reports the network gone, before any request, and syncs when it is back', async () => {
    const { cut, fetch, wire } = requestsCut();
    const { engine } = startConsole({ fetch, wire });
    await syncedAndLive(engine);
    const requests = wire.counts.requests;

    cut.isCut = true;
    engine.networkChanged(false);
    // At once: no request has failed yet, and the event stream is still up.
    expect(engine.status()).toMatchObject({ state: 'offline', live: true });
    expect(cut.refused).toBe(0);
    // It asks the server at once, and the failure keeps it offline.
    await expect.poll(() => cut.refused).toBeGreaterThan(0);
    await expect.poll(() => engine.status().nextRetryAt).not.toBeNull();
    expect(engine.status().state).toBe('offline');

    cut.isCut = false;
    engine.networkChanged(true);
    await expect.poll(() => engine.status().state).toBe('idle');
    expect(wire.counts.requests).toBeGreaterThan(requests);
  });

  it('takes the server’s answer over the platform’s word: a server on this machine answers over loopback with no network', async () => {
    const { engine, states } = startConsole();
    await syncedAndLive(engine);
    const from = states.length;
    engine.networkChanged(false);
    expect(engine.status().state).toBe('offline');
    await expect.poll(() => engine.status().state).toBe('idle');
    expect(states.slice(from)).toEqual(['offline', 'syncing', 'idle']);
  });

  it('says offline when the event stream is cut at the network, with no sync under way, and online once it reconnects', async () => {
    const { engine, wire, states } = startConsole();
    await syncedAndLive(engine);

    wire.goOffline();
    await expect.poll(() => engine.status()).toMatchObject({ state: 'offline', live: false });
    // The stream told it: no sync cycle ran since.
    expect(states.slice(states.lastIndexOf('idle'))).toEqual(['idle', 'offline']);

    wire.goOnline();
    await expect.poll(() => engine.status(), { timeout: 20_000 }).toMatchObject({ state: 'idle', live: true });
  });

  it('says offline when a request fails at the network, and does not flicker to syncing on a retry that hears nothing', async () => {
    const { cut, fetch, wire } = requestsCut();
    const { engine, states } = startConsole({ fetch, wire });
    await syncedAndLive(engine);

    cut.isCut = true;
    const from = states.length;
    expect((await engine.syncNow()).ok).toBe(false);
    expect(engine.status()).toMatchObject({ state: 'offline', live: true });
    expect((await engine.syncNow()).ok).toBe(false);
    expect(states.slice(from)).toEqual(['syncing', 'offline']);

    cut.isCut = false;
    expect((await engine.syncNow()).ok).toBe(true);
    expect(engine.status().state).toBe('idle');
  });

  it('keeps the last sync time in the cache, so a console started offline shows it at once', async () => {
    const steps = createSyncSteps(createMemoryLocalDb(), randomUUID);
    const first = startConsole({ steps });
    await syncedAndLive(first.engine);
    const syncedAt = first.engine.status().lastSyncedAt;
    first.engine.stop();
    expect(await steps.lastSyncedAt()).toBe(syncedAt);

    const wire = createWire();
    wire.goOffline();
    const reloaded = startConsole({ steps, wire, isNetworkUp: false });
    expect(reloaded.engine.status().state).toBe('offline');
    await expect.poll(() => reloaded.engine.status().lastSyncedAt).toBe(syncedAt);
    expect(reloaded.states).not.toContain('idle');
  });

  it('counts an event stream silent past its heartbeats as cut at the network', async () => {
    const wire = createWire();
    // The server's heartbeat (25 s) is far longer than this: the stream falls silent.
    const remote = createHttpRemote({ baseUrl: server.url, fetch: wire.fetch, getToken: () => token, streamSilenceMs: 300 });
    const seen: Array<[boolean, StreamLoss | undefined]> = [];
    const unsubscribe = remote.subscribe(
      () => undefined,
      (connected, loss) => seen.push([connected, loss]),
    );
    stops.push(unsubscribe);
    await expect
      .poll(() => seen.slice(0, 2))
      .toEqual([
        [true, undefined],
        [false, 'network'],
      ]);
  });
});
