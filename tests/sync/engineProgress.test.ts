import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMejaDb } from '../../renderer/db/database';
import { createDexieLocalDb } from '../../renderer/db/localDb';
import { createSyncEngine, type SyncStatus } from '../../shared/sync/engine';
import { createHttpRemote } from '../../shared/sync/httpRemote';
import type { Remote } from '../../shared/sync/remote';
import { createSyncSteps } from '../../shared/sync/syncSteps';
import { DATABASE_KINDS, createDatabase, type TestDatabase } from '../support/databases';
import { makeCreateArgs } from '../support/factories';
import { cleanFaults, createFaultyFetch } from '../support/faultyFetch';
import { pullAll } from '../support/syncClient';
import { signInTechnician, startTestServer, type TestServer } from '../support/testServer';

describe.each(DATABASE_KINDS)('sync engine progress on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  let token: string;
  const closers: Array<() => Promise<void>> = [];

  /** A fresh console: its own IndexedDB, pulling 10 records a page, with every status it reports. */
  const freshConsole = (wrap: (remote: Remote) => Remote = (remote) => remote) => {
    const db = openMejaDb(`meja-progress-${randomUUID()}`);
    const steps = createSyncSteps(createDexieLocalDb(db), randomUUID);
    const remote = wrap(createHttpRemote({ baseUrl: server.url, fetch: createFaultyFetch(cleanFaults(), Math.random).fetch, getToken: () => token }));
    const engine = createSyncEngine({ steps, remote, pullLimit: 10 });
    const statuses: SyncStatus[] = [];
    engine.onStatus((status) => statuses.push(status));
    closers.push(async () => {
      engine.stop();
      db.close();
      await db.delete();
    });
    return { engine, statuses };
  };

  beforeAll(async () => {
    database = await createDatabase(kind);
    server = await startTestServer(database.url);
    token = await signInTechnician(server, 'progress-password');
    const mutations = Array.from({ length: 25 }, () => ({ id: randomUUID(), name: 'ticket:create', args: makeCreateArgs() }));
    const response = await fetch(`${server.url}/api/sync/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ protocol: 1, clientId: 'progress-seed', mutations }),
    });
    expect(response.status).toBe(200);
  });

  afterAll(async () => {
    await Promise.all(closers.map((close) => close()));
    await server?.close();
    await database?.drop();
  });

  it('reports the size of a first sync from its first page and counts up to it', async () => {
    const feedSize = (await pullAll(server.url, token)).size;
    const { engine, statuses } = freshConsole();
    expect(await engine.syncNow()).toMatchObject({ ok: true, pulled: feedSize });
    const pages = statuses.filter((status) => status.state === 'syncing' && status.received > 0);
    // Tickets and users first, then the rest: more than one page, each of at most 10 changes.
    expect(pages.length).toBeGreaterThanOrEqual(Math.ceil(feedSize / 10));
    // Nothing is written meanwhile, so the total is known exactly from the first page on.
    expect(pages.map((status) => status.total)).toEqual(pages.map(() => feedSize));
    expect(pages.every((status) => status.fromScratch)).toBe(true);
    const steps = pages.map((status, i) => status.received - (pages[i - 1]?.received ?? 0));
    expect(steps.every((step) => step >= 0 && step <= 10)).toBe(true);
    expect(pages.at(-1)?.received).toBe(feedSize);
    expect(statuses.at(-1)).toMatchObject({ state: 'idle', received: feedSize, total: feedSize });
  });

  it('starts every sync with no total, and a sync from a cursor is not from scratch', async () => {
    const { engine, statuses } = freshConsole();
    await engine.syncNow();
    statuses.length = 0;
    await engine.syncNow();
    expect(statuses[0]).toMatchObject({ state: 'syncing', received: 0, total: null, fromScratch: false });
    expect(statuses.some((status) => status.fromScratch)).toBe(false);
    expect(statuses.at(-1)).toMatchObject({ state: 'idle', received: 0, total: 0 });
  });

  it('has no total when the server does not say what remains (an older server)', async () => {
    const olderServer = (remote: Remote): Remote => ({
      ...remote,
      pull: async (cursor, limit) => {
        const page = await remote.pull(cursor, limit);
        delete page.remaining;
        return page;
      },
    });
    const { engine, statuses } = freshConsole(olderServer);
    expect((await engine.syncNow()).ok).toBe(true);
    const pages = statuses.filter((status) => status.state === 'syncing' && status.received > 0);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.every((status) => status.total === null)).toBe(true);
  });

  it('asks the server to count only on the first page, and lets the total grow with changes made meanwhile', async () => {
    const asked: boolean[] = [];
    let pushedMeanwhile = false;
    const recording = (remote: Remote): Remote => ({
      ...remote,
      pull: async (cursor, limit, options) => {
        asked.push(options?.count ?? true);
        const page = await remote.pull(cursor, limit, options);
        // After the first page, two more records (a ticket and its event) land in the feed.
        if (!pushedMeanwhile) {
          pushedMeanwhile = true;
          const response = await fetch(`${server.url}/api/sync/push`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({
              protocol: 1,
              clientId: 'progress-meanwhile',
              mutations: [{ id: randomUUID(), name: 'ticket:create', args: makeCreateArgs() }],
            }),
          });
          expect(response.status).toBe(200);
        }
        return page;
      },
    });
    const before = (await pullAll(server.url, token)).size;
    const { engine, statuses } = freshConsole(recording);
    expect(await engine.syncNow()).toMatchObject({ ok: true, pulled: before + 2 });
    expect(asked[0]).toBe(true);
    expect(asked.slice(1).length).toBeGreaterThan(1);
    expect(asked.slice(1).every((count) => !count)).toBe(true);
    const pages = statuses.filter((status) => status.state === 'syncing' && status.received > 0);
    expect(pages[0]?.total).toBe(before);
    // Never below what was received: the bar ends full, not past 100 %.
    expect(pages.every((status) => status.total !== null && status.total >= status.received)).toBe(true);
    expect(statuses.at(-1)).toMatchObject({ state: 'idle', received: before + 2, total: before + 2 });
  });

  it("pulls the whole feed in the server's largest pages on a first sync, and in normal pages from a cursor", async () => {
    const limits: number[] = [];
    const db = openMejaDb(`meja-progress-${randomUUID()}`);
    const steps = createSyncSteps(createDexieLocalDb(db), randomUUID);
    const http = createHttpRemote({ baseUrl: server.url, fetch: createFaultyFetch(cleanFaults(), Math.random).fetch, getToken: () => token });
    const remote: Remote = { ...http, pull: (cursor, limit, options) => (limits.push(limit), http.pull(cursor, limit, options)) };
    const engine = createSyncEngine({ steps, remote });
    closers.push(async () => {
      engine.stop();
      db.close();
      await db.delete();
    });
    expect((await engine.syncNow()).ok).toBe(true);
    // Its passes (tickets and users, the rest, then the feed from there) all in pages of 1,000.
    expect(limits.length).toBeGreaterThan(1);
    expect(limits.every((limit) => limit === 1000)).toBe(true);
    const firstSync = limits.length;
    expect((await engine.syncNow()).ok).toBe(true);
    expect(limits.slice(firstSync)).toEqual([500]);
  });
});
