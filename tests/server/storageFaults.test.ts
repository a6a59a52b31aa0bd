import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS, createDatabase, type TestDatabase } from '../support/databases';
import { makeCreateArgs } from '../support/factories';
import { call, pullToEnd, push } from '../support/http';
import { createTestClient, type TestClient } from '../support/syncClient';
import { appliedMutationStatuses, signInTechnician, startTestServer, type TestServer } from '../support/testServer';

/*
 * The database refuses writes (a full disk, a read-only database) while the server runs. Writes
 * answer 503 and store nothing, reads go on, and the same change goes through once it passes.
 */

const STORAGE_MESSAGE = 'The server cannot write to its database: the disk is full or the database is read-only. Your changes are kept; try again later.';
const REFUSED = { statusCode: 503, code: 'storage_unavailable', error: 'Service Unavailable', message: STORAGE_MESSAGE };

/** Longer than a page: storing it needs new pages, which a full SQLite database cannot get. */
const LONG_DESCRIPTION = 'The printer jams on every second page. '.repeat(300);

type Fault = { name: string; impose(): Promise<void>; lift(): Promise<void> };

/**
 * SQLite: on the server's own connection, `query_only` refuses every write (SQLITE_READONLY) and
 * `max_page_count` at the current size refuses growth (SQLITE_FULL), as a full disk does.
 */
const sqliteFaults = (server: TestServer): Fault[] => {
  let maxPages = 0;
  return [
    {
      name: 'read-only',
      impose: async () => {
        await sql`pragma query_only = 1`.execute(server.db);
      },
      lift: async () => {
        await sql`pragma query_only = 0`.execute(server.db);
      },
    },
    {
      name: 'disk full',
      impose: async () => {
        const max = await sql<{ max_page_count: number }>`pragma max_page_count`.execute(server.db);
        maxPages = max.rows[0]?.max_page_count ?? 0;
        const count = await sql<{ page_count: number }>`pragma page_count`.execute(server.db);
        await sql`pragma max_page_count = ${sql.raw(String(count.rows[0]?.page_count ?? 0))}`.execute(server.db);
      },
      lift: async () => {
        await sql`pragma max_page_count = ${sql.raw(String(maxPages))}`.execute(server.db);
      },
    },
  ];
};

/**
 * PostgreSQL: a trigger on the tables every push writes raises the SQLSTATE the server would get
 * (53100 disk_full when a file cannot be extended, 25006 on a standby or read-only default).
 */
const postgresFaults = (databaseUrl: string): Fault[] => {
  const run = async (statements: string[]) => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      for (const statement of statements) await client.query(statement);
    } finally {
      await client.end();
    }
  };
  const TABLES = ['applied_mutations', 'sync_changes', 'auth_tokens', 'ticket_opens'];
  const raising = (name: string, errcode: string, message: string): Fault => ({
    name,
    impose: () =>
      run([
        `create function refuse_writes() returns trigger language plpgsql as $$ begin raise exception '${message}' using errcode = '${errcode}'; end $$`,
        ...TABLES.map((table) => `create trigger refuse_writes before insert or update on ${table} for each statement execute function refuse_writes()`),
      ]),
    lift: () => run([...TABLES.map((table) => `drop trigger refuse_writes on ${table}`), 'drop function refuse_writes()']),
  });
  return [
    raising('read-only', 'read_only_sql_transaction', 'cannot execute INSERT in a read-only transaction'),
    raising('disk full', 'disk_full', 'could not extend file: No space left on device'),
  ];
};

describe.each(DATABASE_KINDS)('storage faults on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  let token: string;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    database = await createDatabase(kind);
    server = await startTestServer(database.url);
    token = await signInTechnician(server, 'storage-password');
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await server?.close();
    await database?.drop();
  });

  const faults = (): Fault[] => (kind === 'sqlite' ? sqliteFaults(server) : postgresFaults(database.url));

  const ticketCount = async (id: string): Promise<number> => {
    const row = await server.db
      .selectFrom('tickets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };

  it.each(['read-only', 'disk full'])(
    '%s: a push answers 503 and stores nothing, reads go on, and the same push applies once the fault is lifted',
    async (name) => {
      const fault = faults().find((candidate) => candidate.name === name);
      if (fault === undefined) throw new Error(`no fault ${name}`);
      const args = makeCreateArgs({ description: LONG_DESCRIPTION });
      const mutation = { id: randomUUID(), name: 'ticket:create', args };
      const readable = makeCreateArgs();
      await push(server.url, token, [{ name: 'ticket:create', args: readable }]);
      const before = await pullToEnd(server.url, token);

      await fault.impose();
      try {
        const refused = await call(server.url, 'POST', '/api/sync/push', token, { protocol: 1, clientId: 'storage-test', mutations: [mutation] });
        expect(refused.status).toBe(503);
        expect(refused.body).toEqual(REFUSED);
        expect(refused.headers.get('retry-after')).toBe('30');
        expect(await ticketCount(args.id)).toBe(0);
        expect((await appliedMutationStatuses(database.url)).has(mutation.id)).toBe(false);

        // Reads need no write: the feed and the session check keep working.
        expect((await pullToEnd(server.url, token, before.cursor)).changes).toEqual([]);
        expect((await call(server.url, 'GET', '/api/auth/me', token)).status).toBe(200);
        // Reading a ticket also records its opening, which waits: the ticket is answered all the same.
        const read = await call(server.url, 'GET', `/api/tickets/${readable.id}`, token);
        expect(read).toMatchObject({ status: 200, body: { ticket: { id: readable.id } } });
        if (name === 'read-only') {
          // Signing in stores a session, so it waits like any write (a full SQLite file may still fit its small row).
          const login = await call(server.url, 'POST', '/api/auth/login', null, { username: 'tina', password: 'storage-password' });
          expect(login).toMatchObject({ status: 503, body: REFUSED });
        }
      } finally {
        await fault.lift();
      }

      expect(await push(server.url, token, [mutation], { clientId: 'storage-test' })).toEqual({ results: [{ id: mutation.id, status: 'applied' }] });
      const after = await pullToEnd(server.url, token, before.cursor);
      expect(after.changes.filter((change) => change.entity === 'ticket').map((change) => change.id)).toEqual([args.id]);
      expect(await ticketCount(args.id)).toBe(1);
    },
  );

  it.each(['read-only', 'disk full'])(
    '%s: a console keeps its change in the outbox while the server cannot store it, waits out its Retry-After, and delivers it once afterwards',
    async (name) => {
      const fault = faults().find((candidate) => candidate.name === name);
      if (fault === undefined) throw new Error(`no fault ${name}`);
      const tina = await createTestClient({
        baseUrl: server.url,
        username: 'tina',
        password: 'storage-password',
        name: `${kind}-${name}-${randomUUID()}`,
        seed: clients.length + 1,
      });
      clients.push(tina);
      expect((await tina.engine.syncNow()).ok).toBe(true);
      const args = makeCreateArgs({ description: LONG_DESCRIPTION });

      await fault.impose();
      try {
        expect((await tina.mutate('ticket:create', args)).ok).toBe(true);
        for (let attempt = 1; attempt <= 2; attempt += 1) {
          expect((await tina.engine.syncNow()).ok).toBe(false);
          expect(tina.engine.status()).toMatchObject({ state: 'error', pending: 1, error: STORAGE_MESSAGE });
          expect(await tina.steps.pendingCount()).toBe(1);
          // The engine's next try waits out the server's Retry-After (30 s), not its own first backoff (about 1 s).
          expect(Date.parse(tina.engine.status().nextRetryAt ?? '') - Date.now()).toBeGreaterThan(25_000);
        }
        // The console still shows the ticket, waiting for its number from the server.
        expect(await tina.db.tickets.get(args.id)).toMatchObject({ id: args.id, number: null });
        expect(await ticketCount(args.id)).toBe(0);
      } finally {
        await fault.lift();
      }

      expect(await tina.engine.syncNow()).toMatchObject({ ok: true, pushed: 1 });
      expect(tina.engine.status()).toMatchObject({ state: 'idle', pending: 0, error: null });
      expect((await tina.db.tickets.get(args.id))?.number).toBeGreaterThan(0);
      const [mutationId] = tina.queued;
      expect((await appliedMutationStatuses(database.url)).get(mutationId ?? '')).toBe('applied');
      expect(await ticketCount(args.id)).toBe(1);
      const events = (await pullToEnd(server.url, token)).changes.flatMap((change) => (change.entity === 'event' && change.op === 'put' ? [change.data] : []));
      expect(events.filter((event) => event.ticketId === args.id && event.type === 'created')).toHaveLength(1);
    },
  );
});
