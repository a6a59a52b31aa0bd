import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MessagePort } from 'node:worker_threads';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { asSyncFetch } from '../../electron/main/netFetch';
import { openMejaDb, type MejaDb } from '../../renderer/db/database';
import { createDexieLocalDb } from '../../renderer/db/localDb';
import { randomUuid } from '../../shared/platform';
import { createSyncEngine, type SyncEngine } from '../../shared/sync/engine';
import { createHttpRemote } from '../../shared/sync/httpRemote';
import type { Remote } from '../../shared/sync/remote';
import { createPortSyncSteps, serveSyncSteps, type PortLike } from '../../shared/sync/storePort';
import type { StepName } from '../../shared/sync/stepMessages';
import { mutate } from '../../shared/sync/syncStore';
import { createSyncSteps } from '../../shared/sync/syncSteps';
import { cacheState, login, pullAll } from '../support/syncClient';
import { startTestServer, type TestServer } from '../support/testServer';

/**
 * What the desktop app's sync costs on its port: the main process's engine (shared/sync/engine.ts)
 * over HTTP to the real server, and the page's Dexie cache (fake-indexeddb) served on a real
 * MessageChannel, as syncDriver.ts and bridgeEngine.ts join them. The engine is driven by
 * `syncNow` alone (no live stream, no timer), so every message counted belongs to the cycle run.
 */
let server: TestServer;
let folder: string;
const cleanups: Array<() => void | Promise<void>> = [];

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'meja-port-'));
  server = await startTestServer(`sqlite:${join(folder, 'meja.db')}`, { demo: true });
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

afterAll(async () => {
  await server?.close();
  await rm(folder, { recursive: true, force: true });
});

type Traffic = { requests: StepName[]; answers: number };

/** The main process's end of the port, noting each request it sends and each message it receives. */
const countingPort = (port: MessagePort, traffic: Traffic): PortLike => {
  type Listener = Parameters<PortLike['addEventListener']>[1];
  const counted = new Map<Listener, Listener>();
  return {
    postMessage: (data) => {
      const { op } = data as { op: StepName };
      traffic.requests.push(op);
      port.postMessage(data);
    },
    addEventListener: (type, listener) => {
      const counting: Listener = (event) => {
        if (type === 'message') traffic.answers += 1;
        listener(event);
      };
      counted.set(listener, counting);
      port.addEventListener(type, counting);
    },
    removeEventListener: (type, listener) => {
      const counting = counted.get(listener);
      if (counting !== undefined) port.removeEventListener(type, counting);
    },
    start: () => port.start(),
    close: () => port.close(),
  };
};

type Calls = { pulls: number; pushes: number; catchUps: number };

const countingRemote = (inner: Remote, calls: Calls): Remote => ({
  ...inner,
  pull: (...args) => {
    calls.pulls += 1;
    return inner.pull(...args);
  },
  push: (request) => {
    calls.pushes += 1;
    return inner.push(request);
  },
  ticketRecords: (ids) => {
    calls.catchUps += 1;
    return inner.ticketRecords(ids);
  },
});

const tally = (requests: readonly StepName[]): Partial<Record<StepName, number>> => {
  const counts: Partial<Record<StepName, number>> = {};
  for (const op of requests) counts[op] = (counts[op] ?? 0) + 1;
  return counts;
};

/** Tina's desktop console: the page's cache served on one end, the main process's engine on the other. */
const startConsole = async (): Promise<{ db: MejaDb; engine: SyncEngine; traffic: Traffic; calls: Calls; token: string; userId: string }> => {
  const tina = await login(server.url, 'tina', 'demo-password');
  const db = openMejaDb(`meja-port-${randomUuid()}`);
  const { port1, port2 } = new MessageChannel();
  const stopServing = serveSyncSteps(port2, createSyncSteps(createDexieLocalDb(db), randomUuid));
  const traffic: Traffic = { requests: [], answers: 0 };
  const calls: Calls = { pulls: 0, pushes: 0, catchUps: 0 };
  const steps = createPortSyncSteps(countingPort(port1, traffic));
  const remote = countingRemote(createHttpRemote({ baseUrl: server.url, fetch: asSyncFetch(fetch), getToken: () => tina.token }), calls);
  const engine = createSyncEngine({ steps, remote, scope: { userId: tina.user.id }, pullLimit: 50 });
  cleanups.push(async () => {
    engine.stop();
    steps.close();
    stopServing();
    db.close();
    await db.delete();
  });
  return { db, engine, traffic, calls, token: tina.token, userId: tina.user.id };
};

/** Forgets what was counted so far. */
const reset = (traffic: Traffic, calls: Calls) => {
  traffic.requests.length = 0;
  traffic.answers = 0;
  Object.assign(calls, { pulls: 0, pushes: 0, catchUps: 0 });
};

describe('the store port of the desktop app', () => {
  it('costs one round trip per sync step: one local edit is pushed, settled and pulled back in five', async () => {
    const { db, engine, traffic, calls, token, userId } = await startConsole();
    // The first sync, from scratch: one message per pulled page, plus the push and the settling.
    expect(await engine.syncNow()).toMatchObject({ ok: true });
    expect(calls.pulls).toBeGreaterThan(1);
    expect(calls.catchUps).toBe(0);
    expect(tally(traffic.requests)).toEqual({ nextPushBatch: 1, beginPull: 1, applyPull: calls.pulls, finishSync: 1 });
    expect(traffic.answers).toBe(traffic.requests.length);
    reset(traffic, calls);

    const ticket = await db.tickets.filter((candidate) => candidate.status === 'new' && candidate.assigneeId !== userId).first();
    if (ticket === undefined) throw new Error('the demo data has no unassigned new ticket');
    const queued = await mutate(createDexieLocalDb(db), {
      id: randomUuid(),
      name: 'ticket:assign',
      args: { id: ticket.id, assigneeId: userId },
      at: new Date().toISOString(),
      actorId: userId,
    });
    expect(queued).toEqual({ ok: true, value: { queued: true } });

    expect(await engine.syncNow()).toEqual({ ok: true, pushed: 1, pulled: expect.any(Number) });
    expect(calls).toEqual({ pulls: 1, pushes: 1, catchUps: 0 });
    // Push a batch, keep its outcomes (with the next batch), start the pull, apply its page, settle.
    expect(traffic.requests).toEqual(['nextPushBatch', 'settlePush', 'beginPull', 'applyPull', 'finishSync']);
    expect(traffic.answers).toBe(5);
    expect(engine.status()).toMatchObject({ state: 'idle', pending: 0 });
    // The edit went out once and came back: the cache equals the server.
    expect((await pullAll(server.url, token)).get(`ticket/${ticket.id}`)).toMatchObject({ assigneeId: userId });
    expect(await db.outbox.count()).toBe(0);
    expect((await cacheState(db)).get(`ticket/${ticket.id}`)).toEqual((await pullAll(server.url, token)).get(`ticket/${ticket.id}`));

    // Nothing to send: the push is one look at the outbox.
    reset(traffic, calls);
    expect(await engine.syncNow()).toEqual({ ok: true, pushed: 0, pulled: 0 });
    expect(traffic.requests).toEqual(['nextPushBatch', 'beginPull', 'applyPull', 'finishSync']);
    expect(traffic.answers).toBe(4);
  });
});
