import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTIFY_CHANNEL } from '../../server/sync/postgresNotifier';
import { createPostgresDatabase, type TestDatabase } from '../support/databases';
import { makeCreateArgs } from '../support/factories';
import { call, openEventStream, pullToEnd, push } from '../support/http';
import { login } from '../support/syncClient';
import { startTestServer, type TestServer } from '../support/testServer';

/*
 * Several stateless instances on one PostgreSQL database: they start together on an
 * empty database, a session made on one works on the other, and a push through one reaches the
 * event streams of the other as a poke (LISTEN/NOTIFY), also after its listening connection was cut, and a
 * sign-out or deactivation on one ends the account's event streams on the other.
 */

/** 'ended' if the promise settles within `ms`, 'timed out' otherwise. */
const withTimeout = async (promise: Promise<void>, ms: number): Promise<'ended' | 'timed out'> => {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise.then(() => 'ended' as const),
      new Promise<'timed out'>((resolve) => (timer = setTimeout(() => resolve('timed out'), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
};

describe('two server instances on one PostgreSQL database', () => {
  let database: TestDatabase;
  let a: TestServer;
  let b: TestServer;
  let token: string;

  beforeAll(async () => {
    database = await createPostgresDatabase();
    // Both migrate the empty database at once; the migrator's lock lets one do it.
    [a, b] = await Promise.all([startTestServer(database.url), startTestServer(database.url)]);
    token = (await login(a.url, 'admin', a.adminPassword)).token;
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await database?.drop();
  });

  it('accepts a session made on one instance on the other, and signs it out everywhere', async () => {
    const session = (await login(a.url, 'admin', a.adminPassword)).token;
    expect((await call(b.url, 'GET', '/api/auth/me', session)).status).toBe(200);
    expect((await call(b.url, 'POST', '/api/auth/logout', session)).status).toBeLessThan(300);
    expect((await call(a.url, 'GET', '/api/auth/me', session)).status).toBe(401);
  });

  it('ends on one instance the event streams of a token signed out, or an account deactivated, on the other', async () => {
    await a.createUser(token, { username: 'rita', password: 'rita-password', displayName: 'Rita', role: 'technician', tier: 1 });
    const first = await login(a.url, 'rita', 'rita-password');
    const second = await login(a.url, 'rita', 'rita-password');
    const signingOut = await openEventStream(b.url, first.token);
    const deactivated = await openEventStream(b.url, second.token);
    await Promise.all([signingOut.waitFor('hello'), deactivated.waitFor('hello')]);
    // B's heartbeat check is 25 s away: only the signal through PostgreSQL can end these in time.
    expect((await call(a.url, 'POST', '/api/auth/logout', first.token)).status).toBe(200);
    await expect(withTimeout(signingOut.ended(), 3000)).resolves.toBe('ended');
    expect(signingOut.count('signed-out')).toBe(1);
    expect(deactivated.count('signed-out')).toBe(0);
    expect((await call(a.url, 'PATCH', `/api/users/${first.user.id}`, token, { active: false })).status).toBe(200);
    await expect(withTimeout(deactivated.ended(), 3000)).resolves.toBe('ended');
    expect(deactivated.count('signed-out')).toBe(1);
  });

  it("pokes the other instance's event streams when a push lands on one", async () => {
    const events = await openEventStream(b.url, token);
    try {
      await events.waitFor('hello');
      const before = events.count('poke');
      const args = makeCreateArgs();
      const { results } = await push(a.url, token, [{ name: 'ticket:create', args }]);
      expect(results.map((r) => r.status)).toEqual(['applied']);
      await events.waitFor('poke', before + 1);
      // And what the poke announces is there to pull from the other instance.
      const { changes } = await pullToEnd(b.url, token);
      expect(changes.some((c) => c.entity === 'ticket' && c.id === args.id)).toBe(true);
    } finally {
      events.close();
    }
  });

  it('listens again after its connection is cut, pokes its own streams once, and hears the others again', async () => {
    const events = await openEventStream(b.url, token);
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      await events.waitFor('hello');
      const { rows } = await admin.query<{ pid: number }>(
        `select pid from pg_stat_activity where datname = current_database() and query = $1 and pid <> pg_backend_pid()`,
        [`listen ${NOTIFY_CHANNEL}`],
      );
      // One listening connection per instance.
      expect(rows).toHaveLength(2);
      const before = events.count('poke');
      await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query = $1', [
        `listen ${NOTIFY_CHANNEL}`,
      ]);
      // Both instances come back and poke their own streams (what was notified meanwhile is lost).
      await events.waitFor('poke', before + 1);
      const after = events.count('poke');
      const { results } = await push(a.url, token, [{ name: 'ticket:create', args: makeCreateArgs() }]);
      expect(results.map((r) => r.status)).toEqual(['applied']);
      await events.waitFor('poke', after + 1);
    } finally {
      events.close();
      await admin.end();
    }
  });
});
