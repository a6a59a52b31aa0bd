import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpRemote } from '../../shared/sync/httpRemote';
import type { Timers } from '../../shared/platform';
import { createSqliteDatabase, type TestDatabase } from '../support/databases';
import { createWire } from '../support/cuttableWire';
import { makeCreateArgs } from '../support/factories';
import { push } from '../support/http';
import { login } from '../support/syncClient';
import { startTestServer, type TestServer } from '../support/testServer';

/*
 * A console whose network comes back must hear pokes again as soon as the server answers, not
 * after the event stream's reconnect backoff (up to 15 s) while its pulls already work: in the
 * load test, consoles back from an outage otherwise saw other consoles' changes seconds late.
 */

/** Timers that never fire: the backoff wait can only end by being woken. */
const frozenTimers: Timers = { setTimeout: () => null, clearTimeout: () => undefined };

describe('event stream reconnection', () => {
  let database: TestDatabase;
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    database = await createSqliteDatabase();
    server = await startTestServer(database.url);
    token = (await login(server.url, 'admin', server.adminPassword)).token;
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('reconnects at once when a pull gets through, instead of waiting out its backoff', async () => {
    const wire = createWire();
    const remote = createHttpRemote({ baseUrl: server.url, fetch: wire.fetch, getToken: () => token, timers: frozenTimers });
    const connections: boolean[] = [];
    let pokes = 0;
    const unsubscribe = remote.subscribe(
      () => (pokes += 1),
      (connected) => connections.push(connected),
    );
    try {
      await expect.poll(() => connections).toEqual([true]);
      wire.goOffline();
      await expect.poll(() => connections).toEqual([true, false]);
      wire.goOnline();
      // The stream now waits for a timer that never fires; only the pull can bring it back.
      expect(connections).toEqual([true, false]);
      const page = await remote.pull(null, 10);
      expect(page.protocol).toBe(1);
      await expect.poll(() => connections).toEqual([true, false, true]);
      // And it is a live stream again: a push through the server pokes it.
      const before = pokes;
      const { results } = await push(server.url, token, [{ name: 'ticket:create', args: makeCreateArgs() }]);
      expect(results.map((r) => r.status)).toEqual(['applied']);
      await expect.poll(() => pokes).toBeGreaterThan(before);
    } finally {
      unsubscribe();
    }
  });
});
