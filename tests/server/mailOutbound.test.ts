import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/connect';
import { claimDueMail, outboxRowsOf } from '../../server/mail/mailOutbox';
import type { MailSettings } from '../../server/mail/mailSettings';
import { SYSTEM_ACTOR_ID } from '../../shared/domain/callerWord';
import type { TicketEvent } from '../../shared/domain/records';
import type { AnyEntity } from '../../shared/sync/protocol';
import { DATABASE_KINDS, createDatabase, type TestDatabase } from '../support/databases';
import { makeCreateArgs, makeTicket } from '../support/factories';
import { push } from '../support/http';
import { startSmtpSink, type SmtpSink } from '../support/smtpSink';
import { login, pullAll } from '../support/syncClient';
import { startTestServer, TEST_ADMIN_PASSWORD, type TestServer } from '../support/testServer';

const PUBLIC_URL = 'https://help.desk.example';

describe.each(DATABASE_KINDS)('mail to callers on %s', (kind) => {
  let database: TestDatabase;
  let sink: SmtpSink;
  let server: TestServer;
  let tina = { token: '', id: '' };
  // The server's clock: tests move it on to let a retry come due.
  let offset = 0;
  const now = () => Date.now() + offset;
  const settings = (): MailSettings => ({
    smtpUrl: `smtp://127.0.0.1:${sink.port}`,
    from: 'Meja Help Desk <help@desk.example>',
    domain: 'desk.example',
    language: 'en',
  });
  const start = () => startTestServer(database.url, { now, autoCloseEveryMs: 0, mailEveryMs: 0, mail: settings(), publicUrl: PUBLIC_URL });

  beforeAll(async () => {
    database = await createDatabase(kind);
    sink = await startSmtpSink((address) => address.startsWith('nobody@'));
    server = await start();
    const admin = (await login(server.url, 'admin', TEST_ADMIN_PASSWORD)).token;
    await server.createUser(admin, { username: 'tina', password: 'tina-password', displayName: 'Tina', role: 'technician', tier: 1 });
    const signedIn = await login(server.url, 'tina', 'tina-password');
    tina = { token: signedIn.token, id: signedIn.user.id };
  });

  afterAll(async () => {
    await server?.close();
    await sink?.stop();
    await database?.drop();
  });

  beforeEach(() => {
    sink.mails.length = 0;
  });

  const sendDue = () => {
    if (server.mailSender === null) throw new Error('the server has no mail sender');
    return server.mailSender.runOnce();
  };

  const createTicket = async (contact: string, title = 'Printer jams on tray 2') => {
    const args = makeCreateArgs({ title, requester: { name: 'Ana Putri', contact } });
    const answer = await push(server.url, tina.token, [{ name: 'ticket:create', args: { ...args, assigneeId: tina.id } }]);
    expect(answer.results.map((r) => r.status)).toEqual(['applied']);
    return args;
  };

  const outboxOf = (ticketId: string) => server.db.selectFrom('mail_outbox').selectAll().where('ticket_id', '=', ticketId).orderBy('created_at').execute();

  it('mails the code at creation, with Meja’s headers and the tracking link; a phone contact gets nothing', async () => {
    const ticket = await createTicket('ana@example.org', 'VPN <script>alert(1)</script>\r\nBcc: all@example.org');
    const phone = await createTicket('+62 21 555 0100');
    expect(await outboxOf(phone.id)).toEqual([]);
    expect(await sendDue()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(sink.mails).toHaveLength(1);
    const [mail] = sink.mails;
    expect(mail?.to).toEqual(['ana@example.org']);
    expect(mail?.from).toBe('help@desk.example');
    expect(mail?.headers.get('subject')).toBe(`[${ticket.code}] VPN <script>alert(1)</script> Bcc: all@example.org`);
    expect(mail?.headers.has('bcc')).toBe(false);
    expect(mail?.headers.get('message-id')).toMatch(/^<meja\.[0-9a-f]{24}@desk\.example>$/);
    expect(mail?.headers.get('auto-submitted')).toBe('auto-generated');
    expect(mail?.headers.get('x-meja-ticket')).toBe(ticket.code);
    expect(mail?.decoded).toContain(`Your ticket code is ${ticket.code}.`);
    expect(mail?.decoded).toContain(`${PUBLIC_URL}/track?code=${ticket.code}`);
    const html = mail?.decoded.slice(mail.decoded.indexOf('Content-Type: text/html')) ?? '';
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    const [row] = await outboxOf(ticket.id);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, recipient: 'ana@example.org', kind: 'code' });
    expect(await sendDue()).toEqual({ sent: 0, retried: 0, failed: 0 });
  });

  it('mails a public note, not an internal one, and the resolution with the answer links', async () => {
    const ticket = await createTicket('budi@example.org');
    await push(server.url, tina.token, [
      { name: 'note:add', args: { id: randomUUID(), ticketId: ticket.id, body: 'Internal: toner batch is bad.', visibility: 'internal' } },
      { name: 'note:add', args: { id: randomUUID(), ticketId: ticket.id, body: 'Please switch the printer off and on.', visibility: 'public' } },
      { name: 'ticket:transition', args: { id: ticket.id, from: 'open', to: 'resolved', resolution: 'Replaced the pickup roller.' } },
    ]);
    expect((await outboxOf(ticket.id)).map((row) => row.kind)).toEqual(['code', 'note', 'resolution']);
    expect(await sendDue()).toEqual({ sent: 3, retried: 0, failed: 0 });
    // Sent in any order: found by what they say.
    const note = sink.mails.find((mail) => mail.decoded.includes('There is news about your request'));
    const resolution = sink.mails.find((mail) => mail.decoded.includes('Your request has been resolved'));
    expect(note?.decoded).toContain('> Please switch the printer off and on.');
    expect(sink.mails.some((mail) => mail.decoded.includes('toner batch'))).toBe(false);
    expect(resolution?.decoded).toContain('> Replaced the pickup roller.');
    expect(resolution?.decoded).toContain('Is your problem solved?');
    expect(resolution?.decoded).toContain(`${PUBLIC_URL}/track?code=${ticket.code}&answer=yes`);
    expect(resolution?.decoded).toContain(`${PUBLIC_URL}/track?code=${ticket.code}&answer=no`);
  });

  it('marks a refused address on the ticket, once, and does not send it again', async () => {
    const ticket = await createTicket('nobody@example.org');
    expect(await sendDue()).toEqual({ sent: 0, retried: 0, failed: 1 });
    const [row] = await outboxOf(ticket.id);
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row?.last_error).toMatch(/^550 5\.1\.1 <nobody@example\.org>: no such user here/);
    const refused = [...(await pullAll(server.url, tina.token)).values()].filter(
      (r: AnyEntity): r is TicketEvent => 'type' in r && 'ticketId' in r && r.ticketId === ticket.id && r.type === 'mail_refused',
    );
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ actorId: SYSTEM_ACTOR_ID, data: { to: 'nobody@example.org', reason: row?.last_error } });
    offset += 24 * 3_600_000;
    expect(await sendDue()).toEqual({ sent: 0, retried: 0, failed: 0 });
  });

  it('keeps a mail while the SMTP server is down and sends it after it comes back, after the backoff', async () => {
    await sink.stop();
    const ticket = await createTicket('citra@example.org');
    try {
      expect(await sendDue()).toEqual({ sent: 0, retried: 1, failed: 0 });
    } finally {
      await sink.start();
    }
    const [waiting] = await outboxOf(ticket.id);
    expect(waiting).toMatchObject({ status: 'queued', attempts: 1 });
    expect(waiting?.last_error).toMatch(/ECONNREFUSED/);
    // Back up, but the retry is not due yet.
    expect(await sendDue()).toEqual({ sent: 0, retried: 0, failed: 0 });
    offset += 31_000;
    expect(await sendDue()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(sink.mails.map((mail) => mail.headers.get('x-meja-ticket'))).toEqual([ticket.code]);
  });

  it('keeps queued mail across a restart of the server', async () => {
    const ticket = await createTicket('dewi@example.org');
    await server.close();
    server = await start();
    expect(await sendDue()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(sink.mails.map((mail) => mail.to)).toEqual([['dewi@example.org']]);
    expect((await outboxOf(ticket.id)).map((row) => row.status)).toEqual(['sent']);
  });

  it('lets two senders claiming at once take different rows, and a row again only once its lease ends', async () => {
    const outbox = { domain: 'desk.example', language: 'en' as const, publicUrl: PUBLIC_URL };
    const rows = Array.from({ length: 40 }, () => {
      const ticket = makeTicket({ requester: { name: 'Eka', contact: 'eka@example.org' } });
      return outboxRowsOf(
        outbox,
        [
          {
            entity: 'event',
            id: randomUUID(),
            data: { id: randomUUID(), ticketId: ticket.id, actorId: tina.id, at: ticket.createdAt, type: 'created', data: { number: 1 } },
          },
        ],
        () => ticket,
        1_000,
      );
    }).flat();
    expect(rows).toHaveLength(40);
    await server.db.insertInto('mail_outbox').values(rows).execute();
    const first = openDatabase(database.url);
    const second = openDatabase(database.url);
    try {
      const claims = await Promise.all(
        Array.from({ length: 8 }, (_, i) => claimDueMail(i % 2 === 0 ? first.db : second.db, kind, `sender-${i}`, 2_000, 60_000, 10)),
      );
      const ids = claims.flat().map((row) => row.id);
      const mine = new Set(rows.map((row) => row.id));
      expect(ids.filter((id) => mine.has(id)).sort(), 'each row claimed once').toEqual([...mine].sort());
      expect(new Set(ids).size).toBe(ids.length);
      expect(await claimDueMail(first.db, kind, 'late', 2_000 + 59_999, 60_000, 100)).toEqual([]);
      const expired = await claimDueMail(first.db, kind, 'late', 2_000 + 60_000, 60_000, 100);
      expect(expired.filter((row) => mine.has(row.id))).toHaveLength(40);
      expect(expired.every((row) => row.attempts === 2 && row.claim === 'late')).toBe(true);
    } finally {
      await server.db
        .updateTable('mail_outbox')
        .set({ status: 'sent' })
        .where('id', 'in', [...rows.map((row) => row.id)])
        .execute();
      await first.close();
      await second.close();
    }
  });
});
