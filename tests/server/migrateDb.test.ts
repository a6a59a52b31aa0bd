/**
 * `npm run migrate-db` from a real SQLite desk to PostgreSQL and back (and SQLite to SQLite where
 * PostgreSQL is absent): every table equal but for the documented renumbering of the change feed
 * and the new history's meta, a server on the copy answers the same tickets by code, and a
 * console that synced with the original re-syncs from scratch, signed in still, resending what it
 * changed offline.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalState, firstDifference } from '../../bench/load/checks';
import { readLedger } from '../../bench/load/ledger';
import { COPY_ORDER, readOrderOf, type TableName } from '../../server/backup/tablePlan';
import { existingTables } from '../../server/backup/targetTables';
import { openDatabase } from '../../server/db/connect';
import { MIGRATION_NAMES } from '../../server/db/migrations';
import { runImport } from '../../server/import/runImport';
import { DEMO_PASSWORD } from '../../server/seed/demo';
import { DATABASE_KINDS, createDatabase, type TestDatabase } from '../support/databases';
import { call } from '../support/http';
import { runOpsCli } from '../support/opsCli';
import { startProcessServer } from '../support/processServer';
import { cacheState, createTestClient, login, pullAll } from '../support/syncClient';
import { startTestServer } from '../support/testServer';

type Row = Record<string, unknown>;

const root = fileURLToPath(new URL('../..', import.meta.url));
const databases: TestDatabase[] = [];
afterAll(async () => {
  await Promise.all(databases.map((database) => database.drop()));
});

const fresh = async (kind: 'sqlite' | 'postgres'): Promise<TestDatabase> => {
  const database = await createDatabase(kind);
  databases.push(database);
  return database;
};

/** Every row of every planned table, each table in its key order as this test sorts it (not by either engine's collation). */
const readTables = async (url: string): Promise<Map<TableName, Row[]>> => {
  const handle = openDatabase(url);
  try {
    const tables = new Map<TableName, Row[]>();
    for (const table of COPY_ORDER) {
      const { rows } = await sql<Row>`select * from ${sql.table(table)}`.execute(handle.db);
      const keyOf = (row: Row) => JSON.stringify(readOrderOf(table).map((key) => row[key]));
      tables.set(
        table,
        [...rows].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0)),
      );
    }
    return tables;
  } finally {
    await handle.close();
  }
};

const feedInOrder = (rows: readonly Row[]) =>
  [...rows].sort((a, b) => Number(a.tx) - Number(b.tx) || Number(a.seq) - Number(b.seq)).map((row) => [row.entity, row.entity_id, row.op, row.data]);

/**
 * The copy equals the original table for table, except: the feed is renumbered (same rows in the
 * same (tx, seq) order, now at tx 0 and seq 1…n), meta has a new epoch and no purges, and the feed
 * counter stands at n.
 */
const expectCopied = (from: Map<TableName, Row[]>, to: Map<TableName, Row[]>) => {
  for (const table of COPY_ORDER) {
    if (table === 'sync_changes' || table === 'meta' || table === 'counters') continue;
    expect(to.get(table), table).toEqual(from.get(table));
    expect(to.get(table)?.length ?? 0, `${table} rows`).toBeGreaterThan(0);
  }
  const feed = to.get('sync_changes') ?? [];
  expect(feedInOrder(feed), 'the feed, in its old order').toEqual(feedInOrder(from.get('sync_changes') ?? []));
  expect(feedInOrder(feed).length).toBeGreaterThan(0);
  expect([...feed].sort((a, b) => Number(a.seq) - Number(b.seq)).map((row) => [row.tx, row.seq])).toEqual(feed.map((_, i) => [0, i + 1]));
  const meta = (rows: Row[] | undefined) => new Map((rows ?? []).map((row) => [row.key, row.value]));
  const before = meta(from.get('meta'));
  const after = meta(to.get('meta'));
  expect(after.get('import_code_key'), 'imported tickets keep getting the same codes').toBe(before.get('import_code_key'));
  expect(after.get('epoch')).not.toBe(before.get('epoch'));
  expect(after.get('epoch')).toMatch(/^[0-9a-f]{16}$/);
  expect([after.get('horizon'), after.get('purges')]).toEqual(['0:0', '0']);
  const counters = meta((to.get('counters') ?? []).map((row) => ({ key: row.name, value: row.value })));
  expect(counters.get('ticket_number')).toBe(meta((from.get('counters') ?? []).map((row) => ({ key: row.name, value: row.value }))).get('ticket_number'));
  expect(counters.get('sync_seq')).toBe(feed.length);
};

const trackAll = async (url: string, codes: readonly string[]) =>
  Promise.all(codes.map(async (code) => (await call(url, 'GET', `/api/track/${code}`, null)).body));

describe.each(DATABASE_KINDS)('migrate-db from SQLite to %s and back', (kind) => {
  it('copies every table, serves the same tickets by code, and a console re-syncs keeping its session and its offline change', async () => {
    const source = await fresh('sqlite');
    const copy = await fresh(kind);
    const back = await fresh('sqlite');

    // A desk with demo history (tickets, events, notes, sessions, statistics facts, the ledger),
    // imported tickets, sign-ins in the audit log, and a purge recorded in meta.
    const seeded = await startTestServer(source.url, { demo: true });
    await login(seeded.url, 'admin', seeded.adminPassword);
    await seeded.close();
    const handle = openDatabase(source.url);
    await runImport(handle.db, 'sqlite', 'servicenow-events', join(root, 'tests', 'fixtures', 'uci-incident-excerpt.csv'));
    await sql`insert into meta (key, value) values ('purges', '2') on conflict (key) do update set value = '2'`.execute(handle.db);
    await sql`update meta set value = '0:40' where key = 'horizon'`.execute(handle.db);
    // One mail owed to a caller, so mail_outbox has a row to copy (the demo's callers are never mailed).
    await sql`insert into mail_outbox (id, ticket_id, ticket_code, kind, recipient, language, subject, text_body, html_body, message_id, attempts, next_attempt_at, status, claim, last_error, created_at, sent_at)
      values ('mail-1', 'ticket-1', 'ABCD-EFGH', 'code', 'ana@example.org', 'en', '[ABCD-EFGH] Printer', 'Hello', '<p>Hello</p>', '<meja.1@desk.example>', 1, 0, 'sent', null, null, 0, 0)`.execute(
      handle.db,
    );
    // A received mail, so mail_received has a row to copy.
    await sql`insert into mail_received (message_id, outcome, ticket_id, received_at) values ('<m1@mail.example>', 'ignored', null, 1)`.execute(handle.db);
    await handle.close();

    const server = await startProcessServer(source.url);
    const adminToken = (await login(server.url, 'admin', server.adminPassword)).token;
    const client = await createTestClient({ baseUrl: server.url, username: 'tina', password: DEMO_PASSWORD, name: `migrate-${kind}`, seed: 5 });
    try {
      expect((await client.engine.syncNow()).ok).toBe(true);
      const original = await pullAll(server.url, adminToken);
      const [ticket, other] = [...original.values()].filter((record) => 'code' in record && record.status !== 'closed');
      if (ticket === undefined || other === undefined) throw new Error('no two open tickets in the demo data');
      // The demo desk links no tickets: one link, so ticket_links has a row to copy.
      expect((await client.mutate('ticket:link', { id: ticket.id, otherId: other.id, kind: 'related' })).ok).toBe(true);
      // Opened on demand, so ticket_opens has a row to copy.
      expect((await call(server.url, 'GET', `/api/tickets/${other.id}`, client.token)).status).toBe(200);
      // One upload, so attachments has a row to copy.
      const upload = await fetch(`${server.url}/api/attachments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${client.token}`, 'x-file-name': 'printer.log' },
        body: 'Printer offline since 08:10\n',
      });
      expect(upload.status, await upload.clone().text()).toBe(201);
      expect((await client.engine.syncNow()).ok).toBe(true);
      // A self-help answer, so help_feedback has a row to copy.
      const helpArticles = await call(server.url, 'GET', '/api/help/articles', null);
      const [helpArticle] = helpArticles.body.articles as Array<{ id: string }>;
      if (helpArticle === undefined) throw new Error('no public article in the demo data');
      expect((await call(server.url, 'POST', `/api/help/articles/${helpArticle.id}/feedback`, null, { solved: true })).status).toBe(200);
      const codes = [...original.values()].flatMap((record) => ('code' in record ? [record.code] : [])).slice(0, 5);
      const tracked = await trackAll(server.url, codes);
      // Offline while the desk moves: the change waits in the outbox.
      expect((await client.mutate('note:add', { id: randomUUID(), ticketId: ticket.id, body: 'Noted during the move.', visibility: 'internal' })).ok).toBe(
        true,
      );
      await server.stop();

      const forward = await runOpsCli('migrate-db', [source.url, copy.url]);
      expect(forward.status, forward.stderr).toBe(0);
      for (const table of COPY_ORDER) expect(forward.stdout).toMatch(new RegExp(`^ {2}${table} +([\\d,]+) → +\\1 {2}ok$`, 'm'));
      const sourceTables = await readTables(source.url);
      expectCopied(sourceTables, await readTables(copy.url));
      const copyHandle = openDatabase(copy.url);
      const migrated = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(copyHandle.db);
      const tablesInCopy = await existingTables(copyHandle.db, kind);
      await copyHandle.close();
      expect(
        migrated.rows.map((row) => row.name),
        'the target is at this version',
      ).toEqual([...MIGRATION_NAMES]);
      expect(
        tablesInCopy
          .map((name) => name.replace(/^public\./, ''))
          .filter((name) => !name.startsWith('kysely_') && !name.endsWith('_seq'))
          .sort(),
        'every table of the target planned',
      ).toEqual([...COPY_ORDER].sort());

      // Served from the copy at the same address: same tickets by code; the console's cursor is
      // from the original's history (410), its session still signs it in, its note goes through once.
      const moved = await startProcessServer(copy.url, { port: server.port });
      try {
        expect(await trackAll(moved.url, codes)).toEqual(tracked);
        const { cursor } = await client.steps.beginPull();
        const stale = await call(moved.url, 'GET', `/api/sync/pull?cursor=${encodeURIComponent(cursor ?? '')}`, client.token);
        expect([stale.status, stale.body.code]).toEqual([410, 'cursor_too_old']);
        let fromScratch = false;
        const unsubscribe = client.engine.onStatus((status) => (fromScratch ||= status.fromScratch));
        expect((await client.engine.syncNow()).ok).toBe(true);
        unsubscribe();
        expect(fromScratch).toBe(true);
        const now = await pullAll(moved.url, adminToken);
        expect(firstDifference(await cacheState(client.db), canonicalState(now))).toBeNull();
        expect(await client.db.outbox.count()).toBe(0);
        expect(
          [...now.keys()].filter((key) => !original.has(key)).filter((key) => key.startsWith('note/')),
          'the offline note, once',
        ).toHaveLength(1);
        const ledger = await readLedger(copy.url);
        expect(ledger.get(client.queued.at(-1) ?? '')?.status).toBe('applied');
      } finally {
        await moved.stop();
      }

      // And back to SQLite: the copy of the copy equals it, the change made on it included.
      const backward = await runOpsCli('migrate-db', [copy.url, back.url]);
      expect(backward.status, backward.stderr).toBe(0);
      expectCopied(await readTables(copy.url), await readTables(back.url));
    } finally {
      await server.stop();
      await client.close();
    }
  }, 180_000);
});
