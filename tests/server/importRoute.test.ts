import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_LIMIT_BYTES } from '../../server/routes/import';
import { DATABASE_KINDS, createDatabase, type TestDatabase } from '../support/databases';
import { login } from '../support/syncClient';
import { startTestServer, type TestServer } from '../support/testServer';

const excerpt = readFileSync(fileURLToPath(new URL('../fixtures/uci-incident-excerpt.csv', import.meta.url)));
const upload = async (server: TestServer, token: string | null, query: string, body: Buffer, type: string) => {
  const response = await fetch(`${server.url}/api/admin/import${query}`, {
    method: 'POST',
    headers: { 'content-type': type, ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
    body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

/** Announces a body bigger than the limit and sends only its start: the answer must come without the rest. */
const announceHuge = (server: TestServer, token: string): Promise<number> =>
  new Promise((resolve, reject) => {
    const req = request(`${server.url}/api/admin/import?format=csv`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', 'content-length': String(IMPORT_LIMIT_BYTES + 1), authorization: `Bearer ${token}` },
    });
    req.on('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
      req.destroy();
    });
    req.on('error', reject);
    req.write(excerpt);
  });

describe.each(DATABASE_KINDS)('POST /api/admin/import on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  let admin: string;
  let supervisor: string;

  beforeAll(async () => {
    database = await createDatabase(kind);
    server = await startTestServer(database.url);
    admin = (await login(server.url, 'admin', server.adminPassword)).token;
    await server.createUser(admin, { username: 'sue', password: 'supervisor-password', displayName: 'Sue', role: 'supervisor' });
    supervisor = (await login(server.url, 'sue', 'supervisor-password')).token;
  });

  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('is for admins only', async () => {
    expect((await upload(server, null, '?format=servicenow-events', excerpt, 'text/csv')).status).toBe(401);
    const refused = await upload(server, supervisor, '?format=servicenow-events', excerpt, 'text/csv');
    expect(refused.status).toBe(403);
    expect(await server.db.selectFrom('tickets').select('id').execute()).toEqual([]);
  });

  it('imports a gzipped upload and answers the report; the same file again changes nothing', async () => {
    const first = await upload(server, admin, '?format=servicenow-events', gzipSync(excerpt), 'application/gzip');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ format: 'servicenow-events', tickets: 5, created: 5, unchanged: 0 });
    const again = await upload(server, admin, '?format=servicenow-events', excerpt, 'application/octet-stream');
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 5 });
  });

  it('answers 400 for an unknown format, a file that is not one, or no file', async () => {
    const format = await upload(server, admin, '?format=jira', excerpt, 'text/csv');
    expect(format.status).toBe(400);
    expect(format.body.message).toMatch(/format must be one of servicenow-events, helpdesk-events, csv/);
    const broken = Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.from('not really gzip')]);
    const bad = await upload(server, admin, '?format=servicenow-events', broken, 'application/gzip');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'invalid_file' });
    const wrong = await upload(server, admin, '?format=helpdesk-events', excerpt, 'text/csv');
    expect(wrong.body.message).toMatch(/not a helpdesk-events file: its header lacks case:concept:name/);
    const generic = await upload(server, admin, '?format=csv', excerpt, 'text/csv');
    expect(generic.status).toBe(400);
    expect(generic.body.message).toMatch(/lacks the column\(s\) external_id, title, requester_name, created_at/);
    const json = await fetch(`${server.url}/api/admin/import?format=csv`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: '{}',
    });
    expect(json.status).toBe(400);
  });

  it('answers 413 for a body over the limit without reading it', async () => {
    expect(await announceHuge(server, admin)).toBe(413);
  });
});
