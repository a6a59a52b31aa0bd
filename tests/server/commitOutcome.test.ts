import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase, type TestDatabase } from '../support/databases';
import { makeCreateArgs } from '../support/factories';
import { call, openEventStream, push } from '../support/http';
import { startPgWireCutter, type PgWireCutter } from '../support/pgWireCutter';
import { login } from '../support/syncClient';
import { startTestServer, type TestServer } from '../support/testServer';

/*
 * The connection to PostgreSQL breaks while a push group commits, so the server cannot know whether
 * the push was stored (PostgreSQL restarting at that moment, or the network between them dropping).
 * The push answers 503 with Retry-After either way, and the client sends it again: a push that was
 * stored answers `duplicate` and is not applied twice, one that was not applies now. A relay between
 * the server and PostgreSQL cuts the connection at the commit, just before it or just after
 * PostgreSQL committed. PostgreSQL only: SQLite has no connection to lose.
 */

/** The ledger's and the tickets' word on one change, read straight from the database (not through the relay). */
const stored = async (databaseUrl: string, mutationId: string, ticketId: string) => {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const ledger = await client.query<{ status: string }>('select status from applied_mutations where id = $1', [mutationId]);
    const tickets = await client.query<{ n: number }>('select count(*)::int as n from tickets where id = $1', [ticketId]);
    const events = await client.query<{ n: number }>(`select count(*)::int as n from ticket_events where ticket_id = $1 and type = 'created'`, [ticketId]);
    return { ledger: ledger.rows.map((row) => row.status), tickets: tickets.rows[0]?.n, createdEvents: events.rows[0]?.n };
  } finally {
    await client.end();
  }
};

describe('a push whose commit outcome is unknown (PostgreSQL)', () => {
  let database: TestDatabase;
  let cutter: PgWireCutter;
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    database = await createPostgresDatabase();
    cutter = await startPgWireCutter(database.url);
    server = await startTestServer(cutter.url);
    token = (await login(server.url, 'admin', server.adminPassword)).token;
  });
  afterAll(async () => {
    await server?.close();
    await cutter?.close();
    await database?.drop();
  });

  it.each([
    ['after PostgreSQL committed it', 'after', ['applied'], 'duplicate'],
    ['before the commit reached PostgreSQL', 'before', [], 'applied'],
  ] as const)(
    'connection cut %s: 503 with Retry-After, and sent again it is stored exactly once',
    async (_name, when, ledgerAfterCut, retryStatus) => {
      const events = await openEventStream(server.url, token);
      try {
        await events.waitFor('hello');
        const pokes = events.count('poke');
        const mutationId = randomUUID();
        const args = makeCreateArgs({ title: `cut ${when} the commit` });
        const mutation = { id: mutationId, name: 'ticket:create', args };
        const cut = cutter.cutAtNextCommit(when);
        const answer = await call(server.url, 'POST', '/api/sync/push', token, { protocol: 1, clientId: `cut-${when}`, mutations: [mutation] });
        await cut;
        expect(answer.status).toBe(503);
        expect(answer.headers.get('retry-after')).toBe('2');
        expect(answer.body).toMatchObject({ code: 'database_unavailable' });
        expect(await stored(database.url, mutationId, args.id)).toEqual({
          ledger: ledgerAfterCut,
          tickets: ledgerAfterCut.length,
          createdEvents: ledgerAfterCut.length,
        });
        // Perhaps stored: the event streams are poked as for any commit, so that consoles pull it.
        await events.waitFor('poke', pokes + 1);

        const retried = await push(server.url, token, [mutation], { clientId: `cut-${when}` });
        expect(retried.results).toEqual([{ id: mutationId, status: retryStatus }]);
        expect(await stored(database.url, mutationId, args.id)).toEqual({ ledger: ['applied'], tickets: 1, createdEvents: 1 });
      } finally {
        events.close();
      }
    },
    60_000,
  );
});
