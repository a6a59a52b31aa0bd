import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/app';
import { CALLER_ACTOR_ID, SYSTEM_ACTOR_ID } from '../../shared/domain/callerWord';
import type { Note, TicketEvent } from '../../shared/domain/records';
import type { Ticket } from '../../shared/domain/ticket';
import type { AnyEntity } from '../../shared/sync/protocol';
import { DATABASE_KINDS, createDatabase, type TestDatabase } from '../support/databases';
import { makeCreateArgs } from '../support/factories';
import { call, openEventStream, push } from '../support/http';
import { login, pullAll } from '../support/syncClient';
import { startTestServer, TEST_ADMIN_PASSWORD, type TestServer } from '../support/testServer';

const DAY = 24 * 3_600_000;

describe.each(DATABASE_KINDS)("the caller's answer on %s", (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  let tina = { token: '', id: '' };
  // The servers' clock: tests move it on to let days pass.
  let offset = 0;
  const now = () => Date.now() + offset;

  beforeAll(async () => {
    database = await createDatabase(kind);
    server = await startTestServer(database.url, { now, autoCloseEveryMs: 0 });
    const admin = (await login(server.url, 'admin', TEST_ADMIN_PASSWORD)).token;
    await server.createUser(admin, { username: 'tina', password: 'tina-password', displayName: 'Tina Tier-One', role: 'technician', tier: 1 });
    const signedIn = await login(server.url, 'tina', 'tina-password');
    tina = { token: signedIn.token, id: signedIn.user.id };
  });

  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  /** A ticket Tina took and resolved; its code and id. */
  const resolvedTicket = async (base = server.url) => {
    const args = makeCreateArgs({ title: 'Printer jams on tray 2' });
    await push(base, tina.token, [
      { name: 'ticket:create', args: { ...args, assigneeId: tina.id } },
      { name: 'ticket:transition', args: { id: args.id, from: 'open', to: 'resolved', resolution: 'Replaced the pickup roller.' } },
    ]);
    return args;
  };

  const answer = (code: string, body: unknown, base = server.url) => call(base, 'POST', `/api/track/${code}/answer`, null, body);

  const recordsOf = async (ticketId: string) => {
    const all = [...(await pullAll(server.url, tina.token)).values()];
    const ticket = all.find((r): r is Ticket => 'code' in r && r.id === ticketId);
    const events = all.filter((r: AnyEntity): r is TicketEvent => 'type' in r && 'ticketId' in r && r.ticketId === ticketId);
    const notes = all.filter((r: AnyEntity): r is Note => 'body' in r && 'ticketId' in r && 'authorId' in r && r.ticketId === ticketId);
    return { ticket, events, notes };
  };

  it('records a Yes with its rating and comment, once per resolution', async () => {
    const ticket = await resolvedTicket();
    const yes = await answer(ticket.code.toLowerCase(), { solved: true, rating: 4, comment: 'Prints fine now' });
    expect(yes.status).toBe(200);
    expect(yes.headers.get('cache-control')).toBe('no-store');
    expect(yes.body).toMatchObject({ status: 'resolved', callerAnswer: { solved: true, rating: 4 } });
    const { ticket: stored, events } = await recordsOf(ticket.id);
    expect(stored?.status).toBe('resolved');
    const answered = events.filter((e) => e.type === 'caller_answered');
    expect(answered).toHaveLength(1);
    expect(answered[0]).toMatchObject({
      actorId: CALLER_ACTOR_ID,
      data: { solved: true, rating: 4, comment: 'Prints fine now', technicianId: tina.id, resolvedAt: stored?.resolvedAt },
    });
    const rows = await server.db.selectFrom('track_answers').selectAll().where('ticket_id', '=', ticket.id).execute();
    expect(rows).toMatchObject([{ solved: 1, rating: 4, technician_id: tina.id }]);

    const again = await answer(ticket.code, { solved: false, comment: 'Actually no' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('already_answered');
    expect((await recordsOf(ticket.id)).ticket?.status).toBe('resolved');
  });

  it("reopens on a No, with the caller's words as a public note, and pokes the consoles", async () => {
    const ticket = await resolvedTicket();
    const stream = await openEventStream(server.url, tina.token);
    try {
      await stream.waitFor('hello');
      const pokes = stream.count('poke');
      const no = await answer(ticket.code, { solved: false, comment: 'It jams again on page 2' });
      expect(no.status).toBe(200);
      expect(no.body).toMatchObject({ status: 'open', resolution: null, callerAnswer: null });
      const notes = no.body.publicNotes as Array<Record<string, unknown>>;
      expect(notes.at(-1)).toMatchObject({ body: 'It jams again on page 2', fromCaller: true, author: '' });
      await stream.waitFor('poke', pokes + 1);
    } finally {
      stream.close();
    }
    const { ticket: stored, events, notes } = await recordsOf(ticket.id);
    expect(stored).toMatchObject({ status: 'open', reopenCount: 1, assigneeId: tina.id, resolvedAt: null });
    const reopen = events.find((e) => e.type === 'status_changed' && e.data.isReopen);
    expect(reopen).toMatchObject({ actorId: CALLER_ACTOR_ID, data: { from: 'resolved', to: 'open', source: 'caller' } });
    expect(notes.find((n) => n.authorId === CALLER_ACTOR_ID)).toMatchObject({ body: 'It jams again on page 2', visibility: 'public' });
    expect(events.find((e) => e.type === 'caller_answered')?.data).toMatchObject({ solved: false, rating: null });

    // Open, so nothing to confirm; resolved again, it can be answered again.
    expect((await answer(ticket.code, { solved: true })).body.code).toBe('not_resolved');
    await push(server.url, tina.token, [
      { name: 'ticket:transition', args: { id: ticket.id, from: 'open', to: 'resolved', resolution: 'Replaced the whole tray.' } },
    ]);
    const second = await answer(ticket.code, { solved: true, rating: 5 });
    expect(second.status).toBe(200);
    expect(await server.db.selectFrom('track_answers').select('solved').where('ticket_id', '=', ticket.id).orderBy('resolved_at').execute()).toEqual([
      { solved: 0 },
      { solved: 1 },
    ]);
  });

  it('answers an unknown and a malformed code alike, and a ticket not resolved with 409', async () => {
    const unknown = await answer('ZZZZ-ZZZZ', { solved: true });
    const malformed = await answer('not a code!', { solved: true });
    expect(unknown.status).toBe(404);
    expect(malformed.status).toBe(404);
    expect(malformed.body).toEqual(unknown.body);
    const open = makeCreateArgs();
    await push(server.url, tina.token, [{ name: 'ticket:create', args: open }]);
    const notResolved = await answer(open.code, { solved: true });
    expect(notResolved.status).toBe(409);
    expect(notResolved.body.code).toBe('not_resolved');
  });

  it('refuses every bad input with a 400 that names the field', async () => {
    const ticket = await resolvedTicket();
    const cases: Array<[unknown, string]> = [
      [{}, 'solved'],
      [{ solved: 'yes' }, 'solved'],
      [{ solved: true, rating: 6 }, 'rating'],
      [{ solved: true, rating: 2.5 }, 'rating'],
      [{ solved: false }, 'comment'],
      [{ solved: false, comment: '   ' }, 'comment'],
      [{ solved: false, rating: 2, comment: 'no' }, 'rating'],
      [{ solved: true, comment: 'x'.repeat(2_001) }, 'comment'],
      [{ solved: true, extra: 1 }, 'extra'],
      [[true], 'expected object'],
    ];
    for (const [body, named] of cases) {
      const refused = await answer(ticket.code, body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(String(refused.body.message), JSON.stringify(body)).toContain(named);
    }
    const notJson = await answer(ticket.code, '{solved: true');
    expect(notJson.status).toBe(400);
    // Nothing of it was recorded: the caller can still answer.
    expect((await answer(ticket.code, { solved: true })).status).toBe(200);
  });

  it("refuses the server's own changes from a console", async () => {
    const ticket = await resolvedTicket();
    const stored = (await recordsOf(ticket.id)).ticket;
    const pushed = await push(server.url, tina.token, [
      { name: 'ticket:callerAnswer', args: { id: ticket.id, resolvedAt: stored?.resolvedAt, solved: false, comment: 'forged' } },
      { name: 'ticket:autoClose', args: { id: ticket.id, resolvedAt: stored?.resolvedAt } },
    ]);
    expect(pushed.results.map((r) => r.error?.code)).toEqual(['forbidden', 'forbidden']);
    const reserved = await call(server.url, 'POST', '/api/sync/push', tina.token, {
      protocol: 1,
      clientId: 'c',
      mutations: [{ id: 'server:answer:0', name: 'note:add', args: { id: 'n1', ticketId: ticket.id, body: 'x', visibility: 'internal' } }],
    });
    expect(reserved.status).toBe(400);
    expect((await recordsOf(ticket.id)).ticket?.status).toBe('resolved');
  });

  it('limits answers per address, in a bucket of their own', async () => {
    const limited: RunningServer = await startServer({
      databaseUrl: database.url,
      port: 0,
      adminPassword: TEST_ADMIN_PASSWORD,
      trackRate: 2,
      autoCloseEveryMs: 0,
    });
    try {
      const ticket = await resolvedTicket();
      const look = () => call(limited.url, 'GET', `/api/track/${ticket.code}`, null);
      expect([(await look()).status, (await look()).status, (await look()).status]).toEqual([200, 200, 429]);
      // A caller who looked their ticket up several times can still answer.
      expect((await answer(ticket.code, { solved: true }, limited.url)).status).toBe(200);
      expect((await answer('ZZZZ-ZZZZ', { solved: true }, limited.url)).status).toBe(404);
      const third = await answer(ticket.code, { solved: true }, limited.url);
      expect(third.status).toBe(429);
      expect(third.headers.get('retry-after')).toMatch(/^\d+$/);
    } finally {
      await limited.close();
    }
  });

  it('closes a resolved ticket by itself after MEJA_AUTO_CLOSE_DAYS, once, through the change feed', async () => {
    offset = 0;
    const ticket = await resolvedTicket();
    const answered = await resolvedTicket();
    expect((await answer(answered.code, { solved: false, comment: 'Still broken' })).status).toBe(200);
    offset = 7 * DAY - 60_000;
    await server.autoClose.runOnce();
    expect((await recordsOf(ticket.id)).ticket?.status).toBe('resolved');
    offset = 7 * DAY + 60_000;
    const stream = await openEventStream(server.url, tina.token);
    try {
      await stream.waitFor('hello');
      const pokes = stream.count('poke');
      expect(await server.autoClose.runOnce()).toBeGreaterThanOrEqual(1);
      await stream.waitFor('poke', pokes + 1);
    } finally {
      stream.close();
    }
    expect(await server.autoClose.runOnce()).toBe(0);
    const { ticket: closed, events } = await recordsOf(ticket.id);
    expect(closed).toMatchObject({ status: 'closed', resolution: 'Replaced the pickup roller.' });
    const closes = events.filter((e) => e.type === 'status_changed' && e.data.to === 'closed');
    expect(closes).toHaveLength(1);
    expect(closes[0]).toMatchObject({ actorId: SYSTEM_ACTOR_ID, data: { source: 'auto-close' } });
    // The caller said No: it is open again and stays so.
    expect((await recordsOf(answered.id)).ticket?.status).toBe('open');
    offset = 0;
  });

  it('closes each due ticket once when several instances run the job at once', async () => {
    offset = 0;
    const tickets = [await resolvedTicket(), await resolvedTicket(), await resolvedTicket()];
    offset = 8 * DAY;
    const others = await Promise.all(
      [0, 1].map(() => startServer({ databaseUrl: database.url, port: 0, adminPassword: TEST_ADMIN_PASSWORD, now, autoCloseEveryMs: 0 })),
    );
    try {
      const counts = await Promise.all([server.autoClose.runOnce(), ...others.map((other) => other.autoClose.runOnce())]);
      expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(tickets.length);
    } finally {
      await Promise.all(others.map((other) => other.close()));
    }
    for (const ticket of tickets) {
      const { ticket: stored, events } = await recordsOf(ticket.id);
      expect(stored?.status).toBe('closed');
      expect(events.filter((e) => e.type === 'status_changed' && e.data.to === 'closed')).toHaveLength(1);
    }
    offset = 0;
  });

  it('closes a confirmed ticket at once when MEJA_CLOSE_ON_CONFIRM is on', async () => {
    const confirming = await startServer({ databaseUrl: database.url, port: 0, adminPassword: TEST_ADMIN_PASSWORD, closeOnConfirm: true, autoCloseEveryMs: 0 });
    try {
      const ticket = await resolvedTicket();
      const yes = await answer(ticket.code, { solved: true, rating: 5 }, confirming.url);
      expect(yes.status).toBe(200);
      expect(yes.body).toMatchObject({ status: 'closed', callerAnswer: { solved: true, rating: 5 } });
    } finally {
      await confirming.close();
    }
  });
});
