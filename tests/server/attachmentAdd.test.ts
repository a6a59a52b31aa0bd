import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../../shared/domain/ticket';
import { DATABASE_KINDS, createDatabase, type TestDatabase } from '../support/databases';
import { makeCreateArgs } from '../support/factories';
import { push } from '../support/http';
import { login, pullAll } from '../support/syncClient';
import { startTestServer, type TestServer } from '../support/testServer';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(100)]);

describe.each(DATABASE_KINDS)('attachment:add on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  let tina: string;
  let omar: string;
  const ticket = makeCreateArgs({ title: 'Outlook shows a blue screen' });
  const other = makeCreateArgs({ title: 'Printer jam' });
  const noteId = randomUUID();

  beforeAll(async () => {
    database = await createDatabase(kind);
    server = await startTestServer(database.url);
    const admin = await login(server.url, 'admin', server.adminPassword);
    for (const username of ['tina', 'omar'])
      await server.createUser(admin.token, { username, password: `${username}-password`, displayName: username, role: 'technician', tier: 1 });
    tina = (await login(server.url, 'tina', 'tina-password')).token;
    omar = (await login(server.url, 'omar', 'omar-password')).token;
    await push(server.url, tina, [
      { name: 'ticket:create', args: ticket },
      { name: 'ticket:create', args: other },
      { name: 'note:add', args: { id: noteId, ticketId: ticket.id, body: 'Screenshot attached.', visibility: 'internal' } },
    ]);
  });

  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  const upload = async (token: string): Promise<string> => {
    const response = await fetch(`${server.url}/api/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'x-file-name': 'shot.png' },
      body: PNG,
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string }).id;
  };
  const download = (id: string, token: string) => fetch(`${server.url}/api/attachments/${id}`, { headers: { authorization: `Bearer ${token}` } });
  const attach = async (token: string, args: Record<string, unknown>) => (await push(server.url, token, [{ name: 'attachment:add', args }])).results[0];

  it('attaches an upload to a note: the ticket carries it with its size and type, and every signed-in user may read it', async () => {
    const uploadId = await upload(tina);
    expect((await download(uploadId, omar)).status).toBe(404);
    const result = await attach(tina, { id: 'a-1', attachmentId: uploadId, ticketId: ticket.id, noteId, name: 'shot.png' });
    expect(result).toMatchObject({ status: 'applied' });
    const records = await pullAll(server.url, omar);
    const stored = records.get(`ticket/${ticket.id}`) as Ticket;
    expect(stored.attachments).toEqual([
      {
        id: 'a-1',
        attachmentId: uploadId,
        name: 'shot.png',
        noteId,
        addedBy: expect.any(String) as string,
        addedAt: expect.any(String) as string,
        size: PNG.length,
        contentType: 'image/png',
      },
    ]);
    const answer = await download(uploadId, omar);
    expect(answer.status).toBe(200);
    expect(Buffer.from(await answer.arrayBuffer())).toEqual(PNG);
  });

  it("refuses someone else's upload and an unknown one alike, a pending one, and one attached already", async () => {
    const tinas = await upload(tina);
    const byOmar = await attach(omar, { id: 'a-2', attachmentId: tinas, ticketId: ticket.id, name: 'x.png' });
    const unknown = await attach(omar, { id: 'a-3', attachmentId: 'att_AAAAAAAAAAAAAAAAAAAAAA', ticketId: ticket.id, name: 'x.png' });
    expect(byOmar).toMatchObject({ status: 'rejected', error: { code: 'not_found' } });
    expect(unknown).toMatchObject({ status: 'rejected', error: byOmar?.error });
    expect(await attach(tina, { id: 'a-4', attachmentId: 'pending', ticketId: ticket.id, name: 'x.png' })).toMatchObject({
      status: 'rejected',
      error: { code: 'not_found' },
    });
    // Omar's refusal left it unattached: still Tina's alone.
    expect((await download(tinas, omar)).status).toBe(404);
    expect(await attach(tina, { id: 'a-5', attachmentId: tinas, ticketId: other.id, name: 'x.png' })).toMatchObject({ status: 'applied' });
    expect(await attach(tina, { id: 'a-6', attachmentId: tinas, ticketId: ticket.id, name: 'x.png' })).toMatchObject({
      status: 'rejected',
      error: { code: 'already_attached' },
    });
  });

  it('refuses a note of another ticket and an unknown ticket, leaving the upload unattached', async () => {
    const id = await upload(tina);
    expect(await attach(tina, { id: 'a-7', attachmentId: id, ticketId: other.id, noteId, name: 'x.png' })).toMatchObject({
      status: 'rejected',
      error: { code: 'not_found' },
    });
    expect(await attach(tina, { id: 'a-8', attachmentId: id, ticketId: 'no-such-ticket', name: 'x.png' })).toMatchObject({ status: 'rejected' });
    expect((await download(id, omar)).status).toBe(404);
  });
});
