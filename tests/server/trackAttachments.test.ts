import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_ATTACHMENT_KEYS, type PublicTicketView } from '../../shared/domain/track';
import { DATABASE_KINDS, createDatabase, type TestDatabase } from '../support/databases';
import { makeCreateArgs } from '../support/factories';
import { push } from '../support/http';
import { login } from '../support/syncClient';
import { startTestServer, type TestServer } from '../support/testServer';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(64)]);
const LOG = Buffer.from('internal: router admin password is in the vault\n');

describe.each(DATABASE_KINDS)("the caller's files on /track on %s", (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  const ticket = makeCreateArgs({ title: 'Monitor flickers' });
  const other = makeCreateArgs({ title: 'Another ticket' });
  const ids = { shot: '', internal: '', onTicket: '' };

  beforeAll(async () => {
    database = await createDatabase(kind);
    server = await startTestServer(database.url, { trackRate: 8 });
    const admin = await login(server.url, 'admin', server.adminPassword);
    await server.createUser(admin.token, { username: 'tina', password: 'tina-password', displayName: 'Tina', role: 'technician', tier: 1 });
    const tina = (await login(server.url, 'tina', 'tina-password')).token;
    const upload = async (body: Buffer, name: string): Promise<string> => {
      const response = await fetch(`${server.url}/api/attachments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tina}`, 'x-file-name': name },
        body,
      });
      return ((await response.json()) as { id: string }).id;
    };
    ids.shot = await upload(PNG, 'fixed.png');
    ids.internal = await upload(LOG, 'vault.txt');
    ids.onTicket = await upload(Buffer.from('ticket-level log\n'), 'ticket.log');
    const [publicNote, internalNote] = [randomUUID(), randomUUID()];
    const results = await push(server.url, tina, [
      { name: 'ticket:create', args: ticket },
      { name: 'ticket:create', args: other },
      { name: 'note:add', args: { id: publicNote, ticketId: ticket.id, body: 'This is how it looks after the fix.', visibility: 'public' } },
      { name: 'note:add', args: { id: internalNote, ticketId: ticket.id, body: 'Vault entry.', visibility: 'internal' } },
      { name: 'attachment:add', args: { id: 'a1', attachmentId: ids.shot, ticketId: ticket.id, noteId: publicNote, name: 'fixed.png' } },
      { name: 'attachment:add', args: { id: 'a2', attachmentId: ids.internal, ticketId: ticket.id, noteId: internalNote, name: 'vault.txt' } },
      { name: 'attachment:add', args: { id: 'a3', attachmentId: ids.onTicket, ticketId: ticket.id, name: 'ticket.log' } },
    ]);
    expect(results.results.map((r) => r.status)).toEqual(Array(7).fill('applied'));
  });

  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  const file = (code: string, id: string) => fetch(`${server.url}/api/track/${code}/attachments/${id}`);

  it("lists the files of public notes only, and serves them as the console's downloads are served", async () => {
    const view = (await (await fetch(`${server.url}/api/track/${ticket.code}`)).json()) as PublicTicketView;
    expect(view.publicNotes).toHaveLength(1);
    expect(view.publicNotes[0]?.attachments).toEqual([{ id: ids.shot, name: 'fixed.png', size: PNG.length, contentType: 'image/png' }]);
    expect(Object.keys(view.publicNotes[0]?.attachments[0] ?? {}).sort()).toEqual([...PUBLIC_ATTACHMENT_KEYS].sort());
    expect(JSON.stringify(view)).not.toContain('vault');
    const answer = await file(ticket.code.toLowerCase(), ids.shot);
    expect(answer.status).toBe(200);
    expect(Buffer.from(await answer.arrayBuffer())).toEqual(PNG);
    expect(answer.headers.get('content-security-policy')).toContain('sandbox');
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('cache-control')).toBe('no-store');
  });

  it("answers one 404 for an internal note's file, the ticket's own, another code, and an unknown id; then limits the rate", async () => {
    const bodies = new Set<string>();
    for (const [code, id] of [
      [ticket.code, ids.internal],
      [ticket.code, ids.onTicket],
      [other.code, ids.shot],
      ['nope', ids.shot],
      [ticket.code, 'att_AAAAAAAAAAAAAAAAAAAAAA'],
    ] as const) {
      const answer = await file(code, id);
      expect(answer.status, `${code} ${id}`).toBe(404);
      bodies.add(await answer.text());
    }
    expect(bodies.size).toBe(1);
    // 1 + 5 taken above, of 8 a minute.
    expect((await file(ticket.code, ids.shot)).status).toBe(200);
    expect((await file(ticket.code, ids.shot)).status).toBe(200);
    const limited = await file(ticket.code, ids.shot);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).not.toBeNull();
  });
});
