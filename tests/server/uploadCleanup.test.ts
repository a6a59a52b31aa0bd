import { createHash, randomBytes } from 'node:crypto';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS, createDatabase, type TestDatabase } from '../support/databases';
import { makeCreateArgs } from '../support/factories';
import { push } from '../support/http';
import { login } from '../support/syncClient';
import { startTestServer, type TestServer } from '../support/testServer';

const DAY_MS = 24 * 3_600_000;
const isStored = async (server: TestServer, bytes: Buffer): Promise<boolean> => {
  const sha = createHash('sha256').update(bytes).digest('hex');
  return access(join(server.filesDir, sha.slice(0, 2), sha)).then(
    () => true,
    () => false,
  );
};

describe.each(DATABASE_KINDS)('removing unattached uploads on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  let token: string;
  let clock = Date.now();

  beforeAll(async () => {
    database = await createDatabase(kind);
    server = await startTestServer(database.url, { now: () => clock, uploadCleanupEveryMs: 0 });
    token = (await login(server.url, 'admin', server.adminPassword)).token;
  });

  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  const upload = async (body: Buffer): Promise<string> => {
    const response = await fetch(`${server.url}/api/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'x-file-name': 'x.txt' },
      body,
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string }).id;
  };
  const status = async (id: string) => (await fetch(`${server.url}/api/attachments/${id}`, { headers: { authorization: `Bearer ${token}` } })).status;

  it('drops uploads nobody attached within a day, and their files unless an attached upload shares the bytes', async () => {
    const lonely = Buffer.from(`lonely ${randomBytes(8).toString('hex')}\n`);
    const shared = Buffer.from(`shared ${randomBytes(8).toString('hex')}\n`);
    const ticket = makeCreateArgs();
    const [forgotten, kept, sameBytes] = [await upload(lonely), await upload(shared), await upload(shared)];
    await push(server.url, token, [
      { name: 'ticket:create', args: ticket },
      { name: 'attachment:add', args: { id: 'a1', attachmentId: kept, ticketId: ticket.id, name: 'kept.txt' } },
    ]);
    expect(await server.uploadCleanup.runOnce()).toEqual({ uploads: 0, files: 0 });

    clock += DAY_MS + 60_000;
    const fresh = await upload(Buffer.from(`fresh ${randomBytes(8).toString('hex')}\n`));
    expect(await server.uploadCleanup.runOnce()).toEqual({ uploads: 2, files: 1 });
    expect(await status(forgotten)).toBe(404);
    expect(await status(sameBytes)).toBe(404);
    expect(await isStored(server, lonely)).toBe(false);
    expect(await isStored(server, shared)).toBe(true);
    expect(await status(kept)).toBe(200);
    expect(await status(fresh)).toBe(200);
    expect(await server.uploadCleanup.runOnce()).toEqual({ uploads: 0, files: 0 });
  });
});
