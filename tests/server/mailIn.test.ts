import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS, createDatabase, type TestDatabase } from '../support/databases';
import { push } from '../support/http';
import { mailText, sendMail } from '../support/smtpClient';
import { signInTechnician, startTestServer, type TestServer } from '../support/testServer';

/*
 * Meja's own SMTP listener, fed by a real SMTP exchange over loopback: what a mail makes (a
 * ticket, a note, a reopen, nothing), what it is answered, and what hostile mail gets.
 */
const HELP = 'help@desk.example';
let sequence = 0;
const messageId = (): string => `<m${(sequence += 1)}.${Date.now()}@mail.example>`;

const plainMail = (subject: string, body: string, extra: Record<string, string> = {}) =>
  mailText({ From: 'Ani Wijaya <Ani.Wijaya@Example.ID>', To: HELP, Subject: subject, 'Message-ID': messageId(), ...extra }, body);

describe.each(DATABASE_KINDS)('mail in on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  let port = 0;
  let token = '';

  const send = (data: string | Buffer, to: readonly string[] = [HELP], from = 'ani.wijaya@example.id') => sendMail(port, { from, to, data });
  const ticketByCode = (code: string) => server.db.selectFrom('tickets').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
  const notesOf = (ticketId: string) => server.db.selectFrom('notes').selectAll().where('ticket_id', '=', ticketId).orderBy('created_at').execute();
  const ticketCount = async () =>
    Number(
      (
        await server.db
          .selectFrom('tickets')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const codeOf = (text: string): string => {
    const code = /Ticket ([0-9A-Z]{4}-[0-9A-Z]{4}) created/.exec(text)?.[1];
    if (code === undefined) throw new Error(`no ticket code in "${text}"`);
    return code;
  };

  beforeAll(async () => {
    database = await createDatabase(kind);
    server = await startTestServer(database.url, {
      mailIn: { listen: { host: '127.0.0.1', port: 0 }, domains: ['desk.example'], maxBytes: 256 * 1024 },
    });
    port = server.mailPort ?? 0;
    token = await signInTechnician(server);
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('makes a new mail a ticket: channel email, requester from the sender, title from the subject', async () => {
    const answer = await send(plainMail('Printer on floor 2 jams', 'It jams on every page.\r\n\r\nAni'));
    expect(answer.final.code).toBe(250);
    const ticket = await ticketByCode(codeOf(answer.final.text));
    expect(ticket).toMatchObject({
      channel: 'email',
      status: 'new',
      title: 'Printer on floor 2 jams',
      description: 'It jams on every page.\n\nAni',
      requester_name: 'Ani Wijaya',
      requester_contact: 'ani.wijaya@example.id',
      created_by: 'caller',
      category: 'other',
    });
    // Through the change feed, as every change: the consoles pull it (or get it in a live batch).
    const feed = await server.db.selectFrom('sync_changes').select('entity').where('entity_id', '=', ticket.id).where('entity', '=', 'ticket').execute();
    expect(feed).toHaveLength(1);
  });

  it('makes one ticket of a mail delivered twice (same Message-ID)', async () => {
    const mail = plainMail('VPN drops', 'Every ten minutes.');
    const before = await ticketCount();
    const first = await send(mail);
    const second = await send(mail);
    expect(first.final.code).toBe(250);
    expect(second.final).toEqual({ code: 250, text: '2.0.0 Already received' });
    expect(await ticketCount()).toBe(before + 1);
  });

  it("adds a reply to its ticket as the caller's public note, and reopens it once resolved, as a caller reopen", async () => {
    const code = codeOf((await send(plainMail('Outlook will not start', 'Crashes at the splash screen.'))).final.text);
    const ticket = await ticketByCode(code);

    const reply = await send(plainMail(`Re: [${code}] Outlook will not start`, `Safe mode works.\r\n\r\nOn Tue, Meja wrote:\r\n> Try safe mode`));
    expect(reply.final).toEqual({ code: 250, text: '2.0.0 Added to the ticket' });
    expect((await notesOf(ticket.id)).map((n) => [n.body, n.visibility, n.author_id])).toEqual([['Safe mode works.', 'public', 'caller']]);

    const resolved = await push(server.url, token, [
      { name: 'ticket:transition', args: { id: ticket.id, from: 'new', to: 'resolved', resolution: 'Repaired the Office install' } },
    ]);
    expect(resolved.results[0]?.status).toBe('applied');
    // The plus-part of the address carries the code; the subject no longer does.
    const again = await send(plainMail('Still crashing', 'It crashed again this morning.'), [`help+${code}@desk.example`]);
    expect(again.final).toEqual({ code: 250, text: '2.0.0 Added to the ticket, which is reopened' });
    expect(await ticketByCode(code)).toMatchObject({ status: 'open', reopen_count: 1, resolved_at: null });
    const reopen = await server.db
      .selectFrom('ticket_events')
      .select(['data', 'actor_id'])
      .where('ticket_id', '=', ticket.id)
      .where('type', '=', 'status_changed')
      .orderBy('at', 'desc')
      .executeTakeFirstOrThrow();
    expect(reopen.actor_id).toBe('caller');
    expect(JSON.parse(reopen.data)).toMatchObject({ from: 'resolved', to: 'open', isReopen: true, source: 'caller' });
  });

  it('opens a new ticket for a closed ticket’s code or an unknown one', async () => {
    const before = await ticketCount();
    const unknown = await send(plainMail('Re: [ZZZZ-ZZZZ] Scanner', 'The scanner is slow.'));
    expect(unknown.final.code).toBe(250);
    expect((await ticketByCode(codeOf(unknown.final.text))).title).toBe('Scanner');
    expect(await ticketCount()).toBe(before + 1);
  });

  it('ignores auto-replies, bulk mail, bounces and its own mail, answering 250 so nobody retries', async () => {
    const before = await ticketCount();
    const ignored = [
      plainMail('Out of office', 'Back on Monday.', { 'Auto-Submitted': 'auto-replied' }),
      plainMail('Newsletter', 'News.', { Precedence: 'bulk' }),
      plainMail('[7K3M-Q9RT] Your ticket', 'Loop.', { 'X-Meja-Ticket': '7K3M-Q9RT' }),
      mailText({ From: HELP, To: HELP, Subject: 'Ours', 'Message-ID': '<meja.abc@desk.example>' }, 'Ours.'),
    ];
    for (const mail of ignored) expect((await send(mail)).final).toEqual({ code: 250, text: '2.0.0 Received (automatic mail, not answered)' });
    expect((await send(plainMail('Undeliverable', 'Bounce.'), [HELP], '')).final.code).toBe(250);
    expect(await ticketCount()).toBe(before);
  });

  it('refuses a recipient outside its domains at RCPT TO (no relaying)', async () => {
    const answer = await send(plainMail('Relay?', 'x'), ['someone@elsewhere.example']);
    expect(answer.final.code).toBe(550);
    expect(answer.final.text).toMatch(/not a help address/);
  });

  it('refuses a mail over the size limit with 552, and takes the next one', async () => {
    const before = await ticketCount();
    const huge = await send(plainMail('Huge', 'x'.repeat(76).concat('\r\n').repeat(4000)));
    expect(huge.final.code).toBe(552);
    expect(await ticketCount()).toBe(before);
    expect((await send(plainMail('Small', 'fine'))).final.code).toBe(250);
  });

  it('keeps HTML-only mail as inert text: no markup, no script', async () => {
    const html = mailText(
      { From: 'Ani <ani@example.id>', To: HELP, Subject: 'HTML', 'Message-ID': messageId(), 'MIME-Version': '1.0', 'Content-Type': 'text/html; charset=utf-8' },
      '<html><body><p>Hello <b>desk</b></p><script>alert(document.cookie)</script><img src=x onerror="alert(1)"></body></html>',
    );
    const answer = await send(html);
    expect(answer.final.code).toBe(250);
    const { description } = await ticketByCode(codeOf(answer.final.text));
    expect(description).toContain('Hello desk');
    expect(description).not.toMatch(/<|alert|onerror/);
  });

  it('flattens a header injection in the subject and the name to one line', async () => {
    const answer = await send(
      mailText(
        {
          From: '=?utf-8?Q?Ani=0D=0ABcc=3A_all=40example.id?= <ani@example.id>',
          To: HELP,
          Subject: '=?utf-8?Q?Hi=0D=0ABcc:_all@example.id?=',
          'Message-ID': messageId(),
        },
        'x',
      ),
    );
    expect(answer.final.code).toBe(250);
    const ticket = await ticketByCode(codeOf(answer.final.text));
    expect(ticket.title).toBe('Hi Bcc: all@example.id');
    expect(ticket.requester_name).toBe('Ani Bcc: all@example.id');
    expect(ticket.requester_contact).toBe('ani@example.id');
    // Unencoded, the colon makes the name an address group: the group's address is the sender.
    const grouped = await send(mailText({ From: 'Ani: Bcc <ani@example.id>;', To: HELP, Subject: 'Group', 'Message-ID': messageId() }, 'x'));
    expect((await ticketByCode(codeOf(grouped.final.text))).requester_contact).toBe('ani@example.id');
  });

  it('survives malformed MIME: an unclosed boundary, broken base64, a bad charset', async () => {
    const broken = mailText(
      {
        From: 'ani@example.id',
        To: HELP,
        Subject: 'Broken',
        'Message-ID': messageId(),
        'MIME-Version': '1.0',
        'Content-Type': 'multipart/mixed; boundary="b1"',
      },
      '--b1\r\nContent-Type: text/plain; charset=no-such-charset\r\n\r\nReadable part\r\n--b1\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!not base64@@@\r\n',
    );
    const answer = await send(broken);
    expect(answer.final.code).toBe(250);
    expect((await ticketByCode(codeOf(answer.final.text))).description).toContain('Readable part');
    expect((await send(Buffer.from([0xff, 0xfe, 0x00, 0x0d, 0x0a, 0x80, 0x81]))).final.code).toBe(550);
    expect((await send(plainMail('After', 'still here'))).final.code).toBe(250);
  });
});
