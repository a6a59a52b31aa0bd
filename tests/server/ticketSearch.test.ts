import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Note, RemoteSession, TicketEvent } from '../../shared/domain/records';
import type { Ticket } from '../../shared/domain/ticket';
import { searchHaystack, searchWords, ticketMatches } from '../../shared/domain/ticketSearch';
import { searchTickets } from '../../server/search/searchTickets';
import type { TicketPage, TicketWithTimeline } from '../../shared/tickets/api';
import type { AnyEntity } from '../../shared/sync/protocol';
import { DATABASE_KINDS, createDatabase, type TestDatabase } from '../support/databases';
import { makeCreateArgs } from '../support/factories';
import { call, push, pullToEnd } from '../support/http';
import { signInTechnician, startTestServer, type TestServer } from '../support/testServer';

/** Fixed, so a failure reproduces; fast-check prints the seed and the generated case. */
const SEED = 20261207;

/**
 * Characters of titles, names and query words: ASCII, accents precomposed and combining, letters
 * whose lower case differs in length or by position (İ, Σ), other scripts, an emoji, and what
 * means something to FTS5, LIKE or GLOB (" % _ \ * [).
 */
const CHARACTERS = [
  ...'abcdeklmnoprstAEKLMNOPRST0123456789',
  'é',
  'É',
  'è',
  'e\u0301',
  'ß',
  'ẞ',
  'İ',
  'ı',
  'Σ',
  'σ',
  'ς',
  'ñ',
  'Ñ',
  'ø',
  'Å',
  'ü',
  'Ü',
  '日',
  '本',
  '😀',
  '"',
  '%',
  '_',
  '\\',
  '*',
  '[',
  "'",
  '-',
  '#',
  '.',
  ' ',
  ' ',
  ' ',
];
const text = (max: number) => fc.array(fc.constantFrom(...CHARACTERS), { minLength: 1, maxLength: max }).map((chars) => `x${chars.join('')}`);
const ticketText = fc.record({ title: text(24), requester: text(16), category: text(8), description: text(30) });

/** A query word cut out of a field of one generated ticket (so most queries find something), in either case, or now and then a free one. */
const querySeed = fc.record({
  field: fc.nat(),
  start: fc.nat(),
  length: fc.integer({ min: 1, max: 6 }),
  upper: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
  free: fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: text(4) }),
});
type QuerySeed = { field: number; start: number; length: number; upper: boolean; free: string | null };

/** The query's words, all cut from the same ticket's fields; cut by code points, as a person types (never half an emoji). */
const queryOf = (fields: readonly string[], seeds: readonly QuerySeed[]): string =>
  seeds
    .map((seed) => {
      if (seed.free !== null) return seed.free;
      const source = [...(fields[seed.field % fields.length] ?? '')];
      const start = seed.start % source.length;
      const part = source.slice(start, start + seed.length).join('');
      return seed.upper ? part.toUpperCase() : part;
    })
    .join(' ');

const searchPath = (q: string, limit: number, cursor: string | null) =>
  `/api/tickets?${new URLSearchParams({ q, limit: String(limit), ...(cursor === null ? {} : { cursor }) }).toString()}`;

describe.each(DATABASE_KINDS)('ticket search and lookup on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  let token = '';
  const held = new Map<string, AnyEntity>();
  let cursor: string | null = null;

  /** Every record the server holds, through sync: the reference the routes are held to. */
  const catchUp = async (): Promise<void> => {
    const pulled = await pullToEnd(server.url, token, cursor);
    cursor = pulled.cursor;
    for (const change of pulled.changes) {
      const key = `${change.entity}/${change.id}`;
      if (change.data === null) held.delete(key);
      else held.set(key, change.data);
    }
  };

  const tickets = (): Ticket[] => [...held].flatMap(([key, record]) => (key.startsWith('ticket/') ? [record as Ticket] : []));

  /** Every page of a search, in order; fails on anything but 200. */
  const searchAll = async (q: string, limit: number): Promise<Ticket[]> => {
    const found: Ticket[] = [];
    let next: string | null = null;
    for (let pages = 0; pages < 1000; pages += 1) {
      const answer = await call(server.url, 'GET', searchPath(q, limit, next), token);
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      const page = answer.body as unknown as TicketPage;
      expect(page.tickets.length).toBeLessThanOrEqual(limit);
      found.push(...page.tickets);
      next = page.next;
      if (next === null) return found;
    }
    throw new Error('the search never reached its last page');
  };

  const expected = (q: string): string[] =>
    tickets()
      .filter((ticket) => ticketMatches(ticket, q))
      .sort((a, b) => (b.number ?? 0) - (a.number ?? 0))
      .map((ticket) => ticket.id);

  beforeAll(async () => {
    database = await createDatabase(kind);
    server = await startTestServer(database.url);
    token = await signInTechnician(server);
  });

  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('answers every query as the shared rule does over the same tickets, each match once, newest first', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(ticketText, { minLength: 1, maxLength: 6 }),
        fc.array(fc.record({ ticket: fc.nat(), words: fc.array(querySeed, { minLength: 1, maxLength: 3 }) }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 5 }),
        async (made, querySeeds, limit) => {
          await push(
            server.url,
            token,
            made.map((t) => ({
              name: 'ticket:create',
              args: makeCreateArgs({ title: t.title, requester: { name: t.requester, contact: null }, category: t.category, description: t.description }),
            })),
          );
          await catchUp();
          for (const query of querySeeds) {
            const t = made[query.ticket % made.length] ?? made[0];
            const q = t === undefined ? '' : queryOf([t.title, t.requester, t.category, t.description], query.words);
            const found = (await searchAll(q, limit)).map((ticket) => ticket.id);
            expect(found, `query ${JSON.stringify(q)}`).toEqual(expected(q));
          }
        },
      ),
      { seed: SEED, numRuns: 20 },
    );
    // The generated queries found tickets, not only nothing: the comparison above meant something.
    expect(expected('x').length).toBeGreaterThan(0);
  });

  it('reads at most a stretch of numbers a page for a short word, its pages together holding every match once', async () => {
    await catchUp();
    const newest = Math.max(...tickets().map((ticket) => ticket.number ?? 0));
    expect(newest).toBeGreaterThan(30);
    const stretch = 7;
    /** Every page of the search with this stretch; each must end within `stretch` numbers of where it began. */
    const pages = async (q: string, limit: number): Promise<{ found: string[]; count: number }> => {
      const found: string[] = [];
      let before: number | null = null;
      for (let count = 1; count < 1000; count += 1) {
        const page = await searchTickets(server.db, kind, searchWords(q), before, limit, stretch);
        expect(page.tickets.length).toBeLessThanOrEqual(limit);
        found.push(...page.tickets.map((ticket) => ticket.id));
        if (!page.hasMore) return { found, count };
        expect((before ?? newest + 1) - (page.last ?? -Infinity), q).toBeLessThanOrEqual(stretch);
        before = page.last;
      }
      throw new Error('the search never reached its last page');
    };
    // A short word no ticket holds: a page a stretch, each empty, down to the first ticket.
    const none = await pages('ŋŋ', 5);
    expect(none).toEqual({ found: [], count: Math.ceil(newest / stretch) });
    for (const q of ['x', 'e', 'xa', 'a e', 'x 1', 'name n', 'disc 5', 'ŋŋ printer']) expect((await pages(q, 3)).found, q).toEqual(expected(q));
    expect(expected('x').length).toBeGreaterThan(stretch);
  });

  it('sends the records as sync holds them, and every ticket for an empty query', async () => {
    await catchUp();
    const all = await searchAll('', 200);
    expect(all.map((ticket) => ticket.id)).toEqual(expected(''));
    for (const ticket of all) expect(ticket).toEqual(held.get(`ticket/${ticket.id}`));
  });

  it('takes quotes, wildcards, backslashes and query keywords in a word literally', async () => {
    const titles = [
      'Discount 50% off',
      'Discount 500 off',
      'snake_case name',
      'snakeXcase name',
      'dir h\\to',
      'dir hto',
      'say "hi" now',
      'say hi now',
      'Cannot print OR scan',
    ];
    await push(
      server.url,
      token,
      titles.map((title) => ({ name: 'ticket:create', args: makeCreateArgs({ title }) })),
    );
    await catchUp();
    for (const q of ['50%', '0%', 'e_c', 'h\\t', '"hi"', '"hi', 'not', 'OR', 'or scan', 'near(', '*', 'disc*']) {
      const found = (await searchAll(q, 3)).map((ticket) => ticket.id);
      expect(found, q).toEqual(expected(q));
    }
    expect((await searchAll('50%', 10)).map((ticket) => ticket.title)).toEqual(['Discount 50% off']);
    expect((await searchAll('e_c', 10)).map((ticket) => ticket.title)).toEqual(['snake_case name']);
    expect((await searchAll('h\\t', 10)).map((ticket) => ticket.title)).toEqual(['dir h\\to']);
  });

  it('finds a changed ticket by its new title and no longer by its old one', async () => {
    const args = makeCreateArgs({ title: 'Kettle leaks in the pantry', description: 'Water on the floor.' });
    await push(server.url, token, [{ name: 'ticket:create', args }]);
    expect((await searchAll('KETTLE pantry', 10)).map((t) => t.id)).toEqual([args.id]);
    await push(server.url, token, [{ name: 'ticket:update', args: { id: args.id, title: 'Toaster smokes' } }]);
    expect((await searchAll('kettle', 10)).map((t) => t.id)).toEqual([]);
    expect((await searchAll('toaster', 10)).map((t) => t.id)).toEqual([args.id]);
    // A short word alone (no trigram) reads the tickets themselves: it sees the new title too.
    expect((await searchAll('tl', 200)).map((t) => t.id)).not.toContain(args.id);
    expect((await searchAll('sm', 200)).map((t) => t.id)).toContain(args.id);
  });

  it('holds exactly one row per ticket with its current haystack, and (SQLite) a full-text index that agrees with the rows', async () => {
    await catchUp();
    const rows = await server.db.selectFrom('ticket_search').select(['number', 'ticket_id', 'haystack']).orderBy('number').execute();
    const want = tickets()
      .map((ticket) => ({ number: ticket.number, ticket_id: ticket.id, haystack: searchHaystack(ticket) }))
      .sort((a, b) => (a.number ?? 0) - (b.number ?? 0));
    expect(want.length).toBeGreaterThan(10);
    expect(rows.map((row) => ({ ...row, number: Number(row.number) }))).toEqual(want);
    // FTS5's own check, against the content table too (rank 1): throws where the index and the rows disagree.
    if (kind === 'sqlite') await sql`insert into ticket_search_fts (ticket_search_fts, rank) values ('integrity-check', 1)`.execute(server.db);
  });

  it('opens a ticket by id, number or code (any case, with or without the dash) with its timeline', async () => {
    const args = makeCreateArgs({ title: 'Scanner offline' });
    const noteId = randomUUID();
    const sessionId = randomUUID();
    await push(server.url, token, [
      { name: 'ticket:create', args },
      { name: 'note:add', args: { id: noteId, ticketId: args.id, body: 'Rebooted the scanner.', visibility: 'internal' } },
      {
        name: 'session:save',
        args: { id: sessionId, ticketId: args.id, tool: 'rdp', target: 'pc-12', startedAt: new Date().toISOString(), consent: true, steps: [] },
      },
    ]);
    await catchUp();
    const ticket = held.get(`ticket/${args.id}`) as Ticket;
    const records = [...held.values()];
    const own = <T extends { ticketId: string }>(prefix: string) =>
      [...held].flatMap(([key, record]) => (key.startsWith(prefix) && (record as unknown as T).ticketId === args.id ? [record as unknown as T] : []));
    const events = own<TicketEvent>('event/').sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
    expect(records.length).toBeGreaterThan(0);
    expect(events.length).toBeGreaterThan(0);
    const want: TicketWithTimeline = { ticket, events, notes: own<Note>('note/'), sessions: own<RemoteSession>('session/') };
    expect(want.notes.map((note) => note.id)).toEqual([noteId]);
    expect(want.sessions.map((session) => session.id)).toEqual([sessionId]);
    const code = args.code;
    for (const ref of [
      args.id,
      code,
      code.toLowerCase(),
      code.replace('-', ''),
      code.replace('-', '').toLowerCase(),
      String(ticket.number),
      `#${ticket.number}`,
    ]) {
      const answer = await call(server.url, 'GET', `/api/tickets/${encodeURIComponent(ref)}`, token);
      expect(answer.status, ref).toBe(200);
      expect(answer.body, ref).toEqual(want);
    }
  });

  it('answers an unknown reference and one that cannot be a ticket with the same 404', async () => {
    const unknown = await call(server.url, 'GET', '/api/tickets/ZZZZ-ZZZZ', token);
    const malformed = await call(server.url, 'GET', '/api/tickets/not%20a%20code', token);
    const number = await call(server.url, 'GET', '/api/tickets/999999', token);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'not_found' });
    expect(malformed).toMatchObject({ status: 404, body: unknown.body });
    expect(number).toMatchObject({ status: 404, body: unknown.body });
  });

  it('refuses callers without a token', async () => {
    for (const path of ['/api/tickets?q=kettle', '/api/tickets', `/api/tickets/${randomUUID()}`]) {
      const answer = await call(server.url, 'GET', path, null);
      expect(answer.status, path).toBe(401);
      expect(answer.body, path).toMatchObject({ code: 'unauthorized' });
      expect(JSON.stringify(answer.body)).not.toContain('tickets":');
    }
  });

  it('refuses bad input with a message', async () => {
    const cases: Array<[string, string]> = [
      [`/api/tickets?limit=0`, 'limit'],
      [`/api/tickets?limit=201`, 'limit'],
      [`/api/tickets?limit=ten`, 'limit'],
      [`/api/tickets?q=${'a'.repeat(201)}`, 'q'],
      [`/api/tickets?q=a%00b`, 'q'],
      [`/api/tickets?sort=title`, 'sort'],
    ];
    for (const [path, field] of cases) {
      const answer = await call(server.url, 'GET', path, token);
      expect(answer.status, path).toBe(400);
      expect(answer.body, path).toMatchObject({ code: 'invalid_request' });
      expect(String(answer.body.message), path).toContain(field);
    }
    for (const cursor of ['nonsense', Buffer.from('tickets-before:0').toString('base64url'), Buffer.from('tickets-before:-3').toString('base64url')]) {
      const answer = await call(server.url, 'GET', `/api/tickets?cursor=${cursor}`, token);
      expect(answer, cursor).toMatchObject({ status: 400, body: { code: 'invalid_cursor' } });
    }
    expect((await call(server.url, 'GET', `/api/tickets?q=${'a'.repeat(200)}`, token)).status).toBe(200);
  });
});
