import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deskShape } from '../../bench/desk/deskShape';
import type { DeskWriter } from '../../bench/desk/deskWriter';
import { generateDesk, type GeneratedDesk } from '../../bench/desk/generateDesk';
import { openPostgresWriter } from '../../bench/desk/postgresWriter';
import { openSqliteWriter } from '../../bench/desk/sqliteWriter';
import { ticketOfRecord, type FeedRecord } from '../../server/db/changeFeed';
import { openDatabase, type DbHandle } from '../../server/db/connect';
import { eventRow, noteRow, sessionRow, ticketRow } from '../../server/db/records';
import { rebuildAllTicketFacts } from '../../server/stats/ticketFactsTable';
import { workingSetTicketIds } from '../../server/sync/workingSet';
import type { Note, RemoteSession, TicketEvent } from '../../shared/domain/records';
import type { Ticket } from '../../shared/domain/ticket';
import { searchHaystack } from '../../shared/domain/ticketSearch';
import type { AnyEntity, EntityName } from '../../shared/sync/protocol';
import { DATABASE_KINDS, createDatabase, type TestDatabase } from '../support/databases';
import { makeCreateArgs } from '../support/factories';
import { push, pullToEnd } from '../support/http';
import { login } from '../support/syncClient';
import { startTestServer } from '../support/testServer';

/**
 * The million-ticket desk's generator (bench/desk/) writes straight into the tables; the bench's
 * figures mean something only if those tables are what the push path would have left. On a small
 * desk, on both engines: every row equals the row its feed record makes, the feed knows each
 * record's ticket and holds the records in the order they were last written, the derived tables
 * equal what the server derives, the chosen technician's working set has the size planned, and
 * the server starts on the database and goes on numbering and positioning after it.
 */

const TICKETS = 2_000;

type FeedRow = { entity: string; entity_id: string; data: string | null; ticket_id: string | null; tx: number; seq: number };

const byKey = <T>(rows: readonly T[], key: (row: T) => string): T[] => [...rows].sort((a, b) => (key(a) < key(b) ? -1 : 1));

describe.each(DATABASE_KINDS)('the generated desk on %s', (kind) => {
  let database: TestDatabase;
  let handle: DbHandle;
  let desk: GeneratedDesk;
  let feed: FeedRow[];
  const records = new Map<string, AnyEntity>();

  beforeAll(async () => {
    database = await createDatabase(kind);
    const shape = deskShape({ BENCH_DESK_TICKETS: String(TICKETS) }, Date.now());
    const writer: DeskWriter = kind === 'sqlite' ? await openSqliteWriter(database.url.slice('sqlite:'.length)) : await openPostgresWriter(database.url);
    try {
      desk = await generateDesk(shape, writer, () => undefined);
    } finally {
      await writer.close();
    }
    handle = openDatabase(database.url);
    feed = (
      await handle.db.selectFrom('sync_changes').select(['entity', 'entity_id', 'data', 'ticket_id', 'tx', 'seq']).orderBy('tx').orderBy('seq').execute()
    ).map((row) => ({ ...row, tx: Number(row.tx), seq: Number(row.seq) }));
    for (const row of feed) if (row.data !== null) records.set(`${row.entity}/${row.entity_id}`, JSON.parse(row.data) as AnyEntity);
  }, 240_000);

  afterAll(async () => {
    await handle?.close();
    await database?.drop();
  });

  const recordsOf = <T extends AnyEntity>(entity: EntityName): T[] =>
    [...records].flatMap(([key, record]) => (key.startsWith(`${entity}/`) ? [record as T] : []));

  it('holds the planned numbers of tickets, events, notes, sessions and mutations', async () => {
    const count = async (table: 'tickets' | 'ticket_events' | 'notes' | 'remote_sessions' | 'applied_mutations' | 'ticket_opens') =>
      Number(
        (
          await handle.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count('tickets')).toBe(TICKETS);
    expect(await count('ticket_events')).toBe(desk.events);
    expect(desk.events / TICKETS).toBeGreaterThan(3.5);
    expect(desk.events / TICKETS).toBeLessThan(4.5);
    expect(await count('notes')).toBe(desk.notes);
    expect(await count('remote_sessions')).toBe(desk.sessions);
    expect(await count('applied_mutations')).toBe(desk.mutations);
    expect(await count('ticket_opens')).toBe(desk.openings);
    expect(feed).toHaveLength(desk.feedRows);
    expect(feed).toHaveLength(TICKETS + desk.events + desk.notes + desk.sessions + desk.users);
  });

  it('stores every record in its table as the push path would, and the feed knows the ticket of each', async () => {
    const tickets = recordsOf<Ticket>('ticket');
    expect(tickets).toHaveLength(TICKETS);
    expect(byKey(await handle.db.selectFrom('tickets').selectAll().execute(), (row) => row.id)).toEqual(byKey(tickets.map(ticketRow), (row) => row.id));
    expect(byKey(await handle.db.selectFrom('ticket_events').selectAll().execute(), (row) => row.id)).toEqual(
      byKey(recordsOf<TicketEvent>('event').map(eventRow), (row) => row.id),
    );
    expect(byKey(await handle.db.selectFrom('notes').selectAll().execute(), (row) => row.id)).toEqual(
      byKey(recordsOf<Note>('note').map(noteRow), (row) => row.id),
    );
    expect(byKey(await handle.db.selectFrom('remote_sessions').selectAll().execute(), (row) => row.id)).toEqual(
      byKey(recordsOf<RemoteSession>('session').map(sessionRow), (row) => row.id),
    );
    for (const row of feed) {
      const record = { entity: row.entity, id: row.entity_id, data: row.data === null ? null : JSON.parse(row.data) } as FeedRecord;
      expect(row.ticket_id, `${row.entity}/${row.entity_id}`).toBe(ticketOfRecord(record));
    }
    const numbers = tickets.map((ticket) => ticket.number).sort((a, b) => (a ?? 0) - (b ?? 0));
    expect(numbers).toEqual(Array.from({ length: TICKETS }, (_, i) => i + 1));
  });

  it('holds the feed in the order of the last writes, at distinct positions', () => {
    const seqs = feed.map((row) => row.seq);
    expect(new Set(seqs).size).toBe(feed.length);
    // Events are written once, at their time: in the feed they follow one another in time.
    const times = feed.flatMap((row) => (row.entity === 'event' && row.data !== null ? [Date.parse((JSON.parse(row.data) as TicketEvent).at)] : []));
    for (let i = 1; i < times.length; i += 1) expect(times[i] ?? 0).toBeGreaterThanOrEqual(times[i - 1] ?? 0);
    // A ticket's row is where its last change left it: after the events of its earlier changes, before those of later ones (a remote session's).
    const position = new Map(feed.map((row, index) => [`${row.entity}/${row.entity_id}`, index]));
    const tickets = new Map(recordsOf<Ticket>('ticket').map((ticket) => [ticket.id, ticket]));
    let checked = 0;
    for (const event of recordsOf<TicketEvent>('event')) {
      const updatedAt = Date.parse(tickets.get(event.ticketId)?.updatedAt ?? '');
      const ticketAt = position.get(`ticket/${event.ticketId}`) ?? Number.NaN;
      const eventAt = position.get(`event/${event.id}`) ?? Number.NaN;
      if (Date.parse(event.at) < updatedAt) expect(ticketAt, event.id).toBeGreaterThan(eventAt);
      else if (Date.parse(event.at) > updatedAt) expect(ticketAt, event.id).toBeLessThan(eventAt);
      else continue;
      checked += 1;
    }
    expect(checked).toBeGreaterThan(TICKETS);
  });

  it('derives the search rows and the statistics as the server does', async () => {
    const search = await handle.db.selectFrom('ticket_search').selectAll().orderBy('number').execute();
    const want = recordsOf<Ticket>('ticket')
      .map((ticket) => ({ number: ticket.number ?? 0, ticket_id: ticket.id, haystack: searchHaystack(ticket) }))
      .sort((a, b) => a.number - b.number);
    expect(search.map((row) => ({ ...row, number: Number(row.number) }))).toEqual(want);
    if (kind === 'sqlite') await sql`insert into ticket_search_fts (ticket_search_fts, rank) values ('integrity-check', 1)`.execute(handle.db);
    const facts = () => handle.db.selectFrom('ticket_facts').selectAll().orderBy('ticket_id').execute();
    const generated = await facts();
    expect(generated).toHaveLength(TICKETS);
    await rebuildAllTicketFacts(handle.db);
    expect(generated).toEqual(await facts());
  });

  it('gives the chosen technician the working set planned for him, live, recent, his own and opened', async () => {
    const ids = await workingSetTicketIds(handle.db, handle.kind, desk.chosen.id, new Date().toISOString(), deskShape({}, Date.now()).params);
    const planned = desk.plan.live + desk.plan.recent + desk.plan.mine + desk.plan.opened;
    expect(ids.size).toBe(planned);
    expect(planned).toBe(Math.round((25_000 * TICKETS) / 1_000_000));
    expect(desk.plan.mine).toBeGreaterThan(0);
    const opened = await handle.db.selectFrom('ticket_opens').select('ticket_id').where('user_id', '=', desk.chosen.id).execute();
    expect(opened.length).toBe(desk.plan.opened);
    for (const row of opened) expect(ids.has(row.ticket_id)).toBe(true);
    for (const ref of desk.outside) expect(ids.has(ref.id), ref.code).toBe(false);
  });

  it('starts the server on it, which signs the chosen technician in and numbers and positions new changes after the generated ones', async () => {
    const server = await startTestServer(database.url);
    try {
      const session = await login(server.url, desk.chosen.username, desk.chosen.password);
      const args = makeCreateArgs();
      const result = await push(server.url, session.token, [{ name: 'ticket:create', args }]);
      expect(result.results[0]?.status).toBe('applied');
      const pulled = await pullToEnd(server.url, session.token, null);
      const created = pulled.changes.find((change) => change.entity === 'ticket' && change.id === args.id);
      expect(created?.data).toMatchObject({ number: TICKETS + 1 });
      const row = await handle.db
        .selectFrom('sync_changes')
        .select(['tx', 'seq'])
        .where('entity', '=', 'ticket')
        .where('entity_id', '=', args.id)
        .executeTakeFirstOrThrow();
      const last = feed[feed.length - 1];
      expect(Number(row.seq)).toBeGreaterThan(last?.seq ?? Infinity);
      expect(Number(row.tx)).toBeGreaterThanOrEqual(last?.tx ?? Infinity);
    } finally {
      await server.close();
    }
  });
});
