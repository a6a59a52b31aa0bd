import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POKE_CHANNEL } from '../../server/sync/postgresNotifier';
import { createPostgresDatabase, databaseKinds, type TestDatabase } from '../support/databases';
import { makeCreateArgs } from '../support/factories';
import { call, openEventStream, pullToEnd, push } from '../support/http';
import { login } from '../support/syncClient';
import { startTestServer, type TestServer } from '../support/testServer';

/*
 * Several stateless instances on one PostgreSQL database (issue 6): they start together on an
 * empty database, a session made on one works on the other, and a push through one pokes the
 * event streams of the other (LISTEN/NOTIFY), also after its listening connection was cut.
 */

const kinds = await databaseKinds();

describe.runIf(kinds.includes('postgres'))('two server instances on one PostgreSQL database', () => {
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
        [`listen ${POKE_CHANNEL}`],
      );
      // One listening connection per instance.
      expect(rows).toHaveLength(2);
      const before = events.count('poke');
      await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query = $1', [`listen ${POKE_CHANNEL}`]);
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
