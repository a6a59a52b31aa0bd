/**
 * A pull from scratch sends the live tickets (new, open, pending) and the users first, so a new
 * console's queue is there before the rest of the desk; then the other tickets without sending the
 * live ones again, then the timelines. Over loopback on both engines, plain and scoped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../../shared/domain/ticket';
import type { Change, PullResponse } from '../../shared/sync/protocol';
import { DATABASE_KINDS, createDatabase, type TestDatabase } from '../support/databases';
import { makeCreateArgs } from '../support/factories';
import { call, push } from '../support/http';
import { login } from '../support/syncClient';
import { startTestServer, type TestServer } from '../support/testServer';

const LIVE = new Set(['new', 'open', 'pending']);

describe.each(DATABASE_KINDS)('a pull from scratch on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    database = await createDatabase(kind);
    server = await startTestServer(database.url);
    token = (await login(server.url, 'admin', server.adminPassword)).token;
    // Twelve tickets in feed order: every third stays new, every third is opened, the rest are resolved (and some closed).
    for (let i = 0; i < 12; i += 1) {
      const args = makeCreateArgs({ title: `Ticket ${i}` });
      const mutations: Array<{ name: string; args: unknown }> = [{ name: 'ticket:create', args }];
      if (i % 3 !== 0) mutations.push({ name: 'ticket:transition', args: { id: args.id, from: 'new', to: 'open' } });
      if (i % 3 === 2) mutations.push({ name: 'ticket:transition', args: { id: args.id, from: 'open', to: 'resolved', resolution: 'Done.' } });
      if (i % 6 === 5) mutations.push({ name: 'ticket:transition', args: { id: args.id, from: 'resolved', to: 'closed' } });
      const { results } = await push(server.url, token, mutations);
      expect(results.every((result) => result.status === 'applied')).toBe(true);
    }
  });

  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  const page = async (cursor: string | null, scoped: boolean): Promise<PullResponse> => {
    const query = `limit=3${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}${scoped ? '&scope=working' : ''}`;
    const answer = await call(server.url, 'GET', `/api/sync/pull?${query}`, token);
    expect(answer.status).toBe(200);
    return answer.body as unknown as PullResponse;
  };

  it.each([false, true])('sends live tickets and users before any other ticket, and no ticket twice (scoped: %s)', async (scoped) => {
    const pages: Change[][] = [];
    let cursor: string | null = null;
    let snapshot = true;
    // The snapshot's pages, until the pull reads the feed in order.
    while (snapshot) {
      const next = await page(cursor, scoped);
      pages.push(next.changes);
      cursor = next.cursor;
      snapshot = next.snapshot === true || (scoped === false && next.hasMore && pages.length < 50);
      if (!next.hasMore) break;
    }
    const changes = pages.flat();
    const tickets = changes.flatMap((change) => (change.entity === 'ticket' && change.op === 'put' ? [change.data as Ticket] : []));
    const firstEnded = tickets.findIndex((ticket) => !LIVE.has(ticket.status));
    expect(firstEnded, 'some ended ticket is sent').toBeGreaterThan(0);
    expect(tickets.slice(0, firstEnded).every((ticket) => LIVE.has(ticket.status))).toBe(true);
    expect(
      tickets.slice(firstEnded).every((ticket) => !LIVE.has(ticket.status)),
      'no live ticket sent again',
    ).toBe(true);
    expect(new Set(tickets.map((ticket) => ticket.id)).size).toBe(tickets.length);
    expect(tickets.filter((ticket) => LIVE.has(ticket.status))).toHaveLength(8);
    // The users come with the live tickets, before any event.
    const firstEvent = changes.findIndex((change) => change.entity === 'event');
    const lastUser = changes.findLastIndex((change) => change.entity === 'user');
    expect(lastUser).toBeLessThan(changes.findIndex((change) => change.entity === 'ticket' && !LIVE.has((change.data as Ticket).status)));
    expect(firstEvent).toBeGreaterThan(changes.findLastIndex((change) => change.entity === 'ticket'));
  });

  it('sends again, in its newest state, a live ticket changed after the live pass sent it, live or not', async () => {
    // Through the live pass, to the first page of the next (the cursor says which pass it is in: `f` 1).
    const passOf = (cursor: string) => (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { f?: number }).f;
    let next = await page(null, false);
    let cursor = next.cursor;
    const sentLive: Ticket[] = [];
    while (passOf(cursor) === 2) {
      for (const change of next.changes) if (change.entity === 'ticket') sentLive.push(change.data as Ticket);
      next = await page(cursor, false);
      cursor = next.cursor;
    }
    for (const change of next.changes) if (change.entity === 'ticket') sentLive.push(change.data as Ticket);
    const ticket = sentLive.find((candidate) => LIVE.has(candidate.status) && candidate.status !== 'pending');
    if (ticket === undefined) throw new Error('the live pass sent no ticket');
    // Still live after the change: only its new position tells the next pass to send it again.
    const to = ticket.status === 'new' ? 'open' : 'pending';
    // Then an ended ticket after it in the feed, so the next pass reads past its new position.
    const later = makeCreateArgs({ title: 'Ended later' });
    const { results } = await push(server.url, token, [
      { name: 'ticket:transition', args: { id: ticket.id, from: ticket.status, to } },
      { name: 'ticket:create', args: later },
      { name: 'ticket:transition', args: { id: later.id, from: 'new', to: 'open' } },
      { name: 'ticket:transition', args: { id: later.id, from: 'open', to: 'resolved', resolution: 'Done.' } },
    ]);
    expect(results.every((result) => result.status === 'applied')).toBe(true);
    const seen: Ticket[] = [];
    while (next.hasMore) {
      next = await page(cursor, false);
      cursor = next.cursor;
      for (const change of next.changes) if (change.entity === 'ticket' && change.id === ticket.id) seen.push(change.data as Ticket);
    }
    expect(seen.at(-1)?.status).toBe(to);
  });
});
