import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeTombstones, recordChanges } from '../../server/db/changeFeed';
import { openDatabase } from '../../server/db/connect';
import type { AnyEntity } from '../../shared/sync/protocol';
import { DATABASE_KINDS, createDatabase, type TestDatabase } from '../support/databases';
import { makeCreateArgs, makeTicket } from '../support/factories';
import { call, cursorPosition, keyOf, openEventStream, pullPage, pullToEnd, push } from '../support/http';
import { login } from '../support/syncClient';
import { startTestServer, type TestServer } from '../support/testServer';
import { deferred } from '../support/deferred';

/** The change feed over HTTP: paging, limits, forgotten deletions, and concurrent writers. */
describe.each(DATABASE_KINDS)('change feed over HTTP on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    database = await createDatabase(kind);
    server = await startTestServer(database.url);
    token = (await login(server.url, 'admin', server.adminPassword)).token;
  });

  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('caps the limit at 1000 and refuses limits that are not whole numbers from 1', async () => {
    // Each edit of all four fields adds four events: 1 + 4 × 250 new records, in 251 mutations.
    const args = makeCreateArgs();
    const edit = (round: number) => ({
      id: args.id,
      title: `Title ${round}`,
      description: `Description ${round}`,
      category: `category-${round}`,
      priority: round % 2 === 0 ? 'low' : 'urgent',
    });
    // A last ticket after them, so all the events lie before where the first pass of a pull from scratch ends.
    const { results } = await push(server.url, token, [
      { name: 'ticket:create', args },
      ...Array.from({ length: 250 }, (_, round) => ({ name: 'ticket:update', args: edit(round) })),
      { name: 'ticket:create', args: makeCreateArgs() },
    ]);
    expect(results.every((r) => r.status === 'applied')).toBe(true);
    // From scratch the live pass brings the (new) tickets and the admin; the pass of the other
    // tickets has none left; the thousand events come after.
    const livePass = await pullPage(server.url, token, null, 5000);
    expect(livePass.changes.map((change) => change.entity).sort()).toEqual(['ticket', 'ticket', 'user']);
    const firstPass = await pullPage(server.url, token, livePass.cursor, 5000);
    expect(firstPass.changes).toEqual([]);
    const capped = await pullPage(server.url, token, firstPass.cursor, 5000);
    expect(capped.changes).toHaveLength(1000);
    expect(capped.hasMore).toBe(true);
    expect((await pullPage(server.url, token, null, 1)).changes).toHaveLength(1);
    for (const limit of ['0', '-1', '1.5', 'abc', '']) {
      const answer = await call(server.url, 'GET', `/api/sync/pull?limit=${limit}`, token);
      expect(answer, `limit=${limit}`).toMatchObject({ status: 400, body: { code: 'invalid_request' } });
      expect(String(answer.body.message)).toContain('limit');
    }
    const whole = await pullToEnd(server.url, token, null, 1000);
    expect(whole.changes.length).toBeGreaterThan(1000);
    expect((await pullPage(server.url, token, whole.cursor)).changes).toEqual([]);
  });

  it('answers 410 to a cursor issued before a tombstone purge, and not to a fresh client paging past it', async () => {
    const before = await pullToEnd(server.url, token);
    const ticket = makeTicket();
    const write = (data: AnyEntity | null) =>
      server.db.transaction().execute((trx) => recordChanges(trx, server.kind, [{ entity: 'ticket', id: ticket.id, data }]));
    await write(ticket);
    await write(null);
    const seen = await pullToEnd(server.url, token, before.cursor);
    expect(seen.changes).toEqual([{ entity: 'ticket', id: ticket.id, op: 'delete', data: null }]);
    // One record: the first pass of a pull from scratch stops below the purged tombstone.
    const firstPage = await pullPage(server.url, token, null, 1);

    expect(await purgeTombstones(server.db)).toBe(1);

    const stale = await call(server.url, 'GET', `/api/sync/pull?cursor=${before.cursor}`, token);
    expect(stale).toMatchObject({ status: 410, body: { statusCode: 410, code: 'cursor_too_old', error: 'Gone' } });
    // Also a client that started paging from the start before the purge, now below the horizon.
    expect((await call(server.url, 'GET', `/api/sync/pull?cursor=${firstPage.cursor}`, token)).status).toBe(410);
    // A client that had seen the tombstone goes on.
    expect((await pullPage(server.url, token, seen.cursor)).changes).toEqual([]);
    // A client starting now pages through the whole feed, below the horizon too, without a 410.
    const fresh = await pullToEnd(server.url, token, null, 100);
    expect(fresh.changes.some((c) => c.id === ticket.id)).toBe(false);
  });

  it('answers 410 to a cursor of another database and 400 to a malformed one', async () => {
    const foreign = Buffer.from(JSON.stringify({ e: 'another-database', t: 0, s: 1 })).toString('base64url');
    expect(await call(server.url, 'GET', `/api/sync/pull?cursor=${foreign}`, token)).toMatchObject({ status: 410, body: { code: 'cursor_too_old' } });
    for (const cursor of ['not*base64', Buffer.from('{"e":"x"}').toString('base64url'), Buffer.from('[1,2]').toString('base64url')]) {
      expect(await call(server.url, 'GET', `/api/sync/pull?cursor=${encodeURIComponent(cursor)}`, token)).toMatchObject({
        status: 400,
        body: { code: 'invalid_cursor' },
      });
    }
  });

  it('gives a puller running alongside parallel pushers exactly the final state', async () => {
    const start = (await pullToEnd(server.url, token)).cursor;
    const shared = makeCreateArgs();
    await push(server.url, token, [{ name: 'ticket:create', args: shared }]);
    const seen = new Map<string, unknown>();
    let writing = true;
    const puller = (async () => {
      let cursor = start;
      for (let done = false; !done;) {
        done = !writing;
        const page = await pullPage(server.url, token, cursor, 7);
        for (const change of page.changes) seen.set(keyOf(change), change.data);
        cursor = page.cursor;
        if (page.hasMore) done = false;
      }
    })();
    const pushers = Array.from({ length: 4 }, async (_, pusher) => {
      for (let round = 0; round < 6; round += 1) {
        const args = makeCreateArgs();
        const { results } = await push(server.url, token, [
          { name: 'ticket:create', args },
          { name: 'ticket:transition', args: { id: args.id, from: 'new', to: 'open' } },
          // Everyone edits one ticket too, so its feed row keeps moving past the puller.
          { name: 'ticket:update', args: { id: shared.id, title: `Edited by pusher ${pusher}, round ${round}` } },
        ]);
        expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
      }
    });
    await Promise.all(pushers);
    writing = false;
    await puller;
    const final = new Map((await pullToEnd(server.url, token, start)).changes.map((c) => [keyOf(c), c.data] as const));
    expect(final.size).toBeGreaterThan(4 * 6 * 3);
    expect(seen).toEqual(final);
  });
});

/**
 * The deterministic race the (tx, seq) ordering exists for. SQLite serializes writers, so the
 * order cannot invert there (and a second connection would wait on the first), hence PostgreSQL only.
 */
describe('no gaps behind a slow transaction on postgres', () => {
  let database: TestDatabase;
  let server: TestServer;
  let token: string;
  // Transaction A below holds back changes of every database in the cluster, also those of test
  // files running alongside. A short pull wait here keeps A open well under their (default) wait.
  const pullWaitMs = 60;

  beforeAll(async () => {
    database = await createDatabase('postgres');
    server = await startTestServer(database.url, { pullWaitMs });
    token = (await login(server.url, 'admin', server.adminPassword)).token;
  });

  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('never moves a cursor past a change that commits after a later one', async () => {
    const start = (await pullToEnd(server.url, token)).cursor;
    const events = await openEventStream(server.url, token);
    await events.waitFor('hello');
    // Transaction A (a second connection, as another instance would be) takes its position first and stays open.
    const other = openDatabase(database.url);
    const slow = makeTicket({ title: 'A: position first, commit last' });
    const recorded = deferred();
    const gate = deferred();
    let positionOfA = { tx: 0, seq: 0 };
    const transactionA = other.db.transaction().execute(async (trx) => {
      await recordChanges(trx, 'postgres', [{ entity: 'ticket', id: slow.id, data: slow }]);
      const row = await trx.selectFrom('sync_changes').select(['tx', 'seq']).where('entity_id', '=', slow.id).executeTakeFirstOrThrow();
      positionOfA = { tx: row.tx, seq: row.seq };
      recorded.resolve();
      await gate.promise;
    });
    try {
      await recorded.promise;
      // Transaction B commits first, through the API.
      const late = makeCreateArgs({ title: 'B: position second, commit first' });
      expect((await push(server.url, token, [{ name: 'ticket:create', args: late }])).results[0]?.status).toBe('applied');
      await events.waitFor('poke', 1);

      const first = await pullToEnd(server.url, token, start);
      expect(first.changes.map((c) => c.id)).not.toContain(late.id);
      const reached = cursorPosition(first.cursor);
      expect(reached.tx < positionOfA.tx || (reached.tx === positionOfA.tx && reached.seq < positionOfA.seq)).toBe(true);

      gate.resolve();
      await transactionA;
      // The server notices that the held-back changes became visible and pokes, though A was not its own.
      await events.waitFor('poke', 2);
      const second = await pullToEnd(server.url, token, first.cursor);
      const ids = second.changes.map((c) => c.id);
      expect(ids).toContain(slow.id);
      expect(ids).toContain(late.id);
      expect(ids.indexOf(slow.id)).toBeLessThan(ids.indexOf(late.id));
    } finally {
      gate.resolve();
      await transactionA.catch(() => undefined);
      await other.close();
      events.close();
    }
  });

  it('waits briefly for a short transaction in front, so a client sees its own push in the next pull', async () => {
    const start = (await pullToEnd(server.url, token)).cursor;
    const other = openDatabase(database.url);
    const slow = makeTicket({ title: 'A: commits while the pull waits' });
    const recorded = deferred();
    const gate = deferred();
    const transactionA = other.db.transaction().execute(async (trx) => {
      await recordChanges(trx, 'postgres', [{ entity: 'ticket', id: slow.id, data: slow }]);
      recorded.resolve();
      await gate.promise;
    });
    try {
      await recorded.promise;
      const own = makeCreateArgs();
      await push(server.url, token, [{ name: 'ticket:create', args: own }]);
      // A ends while the pull is waiting for it.
      const pulling = pullToEnd(server.url, token, start);
      setTimeout(gate.resolve, pullWaitMs / 3);
      const ids = (await pulling).changes.map((c) => c.id);
      expect(ids).toContain(own.id);
      expect(ids).toContain(slow.id);
    } finally {
      gate.resolve();
      await transactionA;
      await other.close();
    }
  });
});
