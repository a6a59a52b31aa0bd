import { createHash, randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS, createDatabase, type TestDatabase } from '../support/databases';
import { startClamd, TEST_SIGNATURE, type RunningClamd } from '../support/realClamd';
import { login } from '../support/syncClient';
import { startTestServer, type TestServer } from '../support/testServer';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(200)]);
const LOG = Buffer.from('2026-12-07 09:12:01 ERROR Outlook: sync failed (0x800CCC0E)\n');
/** Text that would be a script-running page if a browser rendered it. */
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.cookie)"/>');
/** Bytes only the test's made signature knows as malware. */
const MALWARE = Buffer.from(`MEJA TEST MALWARE ${randomBytes(32).toString('hex')}\n`);

type Receipt = { id: string; size: number; contentType: string };

describe.each(DATABASE_KINDS)('attachments on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  let unscanned: TestServer;
  let clamd: RunningClamd;
  let tina: string;
  let omar: string;

  beforeAll(async () => {
    database = await createDatabase(kind);
    clamd = await startClamd([MALWARE]);
    server = await startTestServer(database.url, { attachments: { clamd: clamd.address, maxBytes: 1024 * 1024 } });
    unscanned = await startTestServer(database.url);
    const admin = await login(server.url, 'admin', server.adminPassword);
    for (const username of ['tina', 'omar'])
      await server.createUser(admin.token, { username, password: `${username}-password`, displayName: username, role: 'technician', tier: 1 });
    tina = (await login(server.url, 'tina', 'tina-password')).token;
    omar = (await login(server.url, 'omar', 'omar-password')).token;
  });

  afterAll(async () => {
    await unscanned?.close();
    await server?.close();
    await clamd?.stop();
    await database?.drop();
  });

  const upload = async (body: Buffer, options: { token?: string | null; name?: string | null; type?: string; target?: TestServer } = {}) => {
    const headers: Record<string, string> = { 'content-type': options.type ?? 'application/octet-stream' };
    const token = options.token === undefined ? tina : options.token;
    if (token !== null) headers.authorization = `Bearer ${token}`;
    if (options.name !== null) headers['x-file-name'] = options.name ?? 'error%20screen.png';
    const response = await fetch(`${(options.target ?? server).url}/api/attachments`, { method: 'POST', headers, body });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const download = (id: string, token: string | null = tina) =>
    fetch(`${server.url}/api/attachments/${id}`, { headers: token === null ? {} : { authorization: `Bearer ${token}` } });

  it('stores an allowed file, names its type from its bytes, and gives it back to its uploader unchanged', async () => {
    // A PNG sent as text/html under a .txt name is still a PNG.
    const stored = await upload(PNG, { type: 'text/html', name: encodeURIComponent('Layar biru – laptop.txt') });
    expect(stored.status, JSON.stringify(stored.body)).toBe(201);
    const receipt = stored.body as Receipt;
    expect(receipt).toEqual({ id: expect.stringMatching(/^att_[A-Za-z0-9_-]{22}$/) as string, size: PNG.length, contentType: 'image/png' });
    const answer = await download(receipt.id);
    expect(answer.status).toBe(200);
    expect(Buffer.from(await answer.arrayBuffer())).toEqual(PNG);
    expect(answer.headers.get('content-type')).toBe('image/png');
    expect(answer.headers.get('content-disposition')).toBe(
      `inline; filename="Layar biru _ laptop.txt"; filename*=UTF-8''${encodeURIComponent('Layar biru – laptop.txt')}`,
    );
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('content-security-policy')).toContain('sandbox');
  });

  it('serves everything but images as a download', async () => {
    const stored = await upload(LOG, { name: 'outlook.log' });
    expect(stored.body.contentType).toBe('text/plain; charset=utf-8');
    const answer = await download(stored.body.id as string);
    expect(answer.headers.get('content-disposition')).toMatch(/^attachment; filename="outlook.log"/);
    expect(await answer.text()).toBe(LOG.toString());
  });

  it('stores the same bytes once, however often they are sent', async () => {
    const first = (await upload(LOG, { name: 'a.log' })).body as Receipt;
    const second = (await upload(LOG, { name: 'b.log', token: omar })).body as Receipt;
    expect(first.id).not.toBe(second.id);
    const sha = createHash('sha256').update(LOG).digest('hex');
    expect(await readdir(join(server.filesDir, sha.slice(0, 2)))).toEqual([sha]);
    // Nothing received stays behind, kept or refused.
    expect(await readdir(join(server.filesDir, '.incoming'))).toEqual([]);
  });

  it('refuses markup, unknown binaries and empty files, whatever their name', async () => {
    const svg = await upload(SVG, { name: 'chart.png', type: 'image/png' });
    expect(svg.status).toBe(415);
    expect(svg.body).toMatchObject({ code: 'unsupported_media_type', message: expect.stringContaining('HTML, SVG and XML') as string });
    const exe = await upload(Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03]), { name: 'setup.png' });
    expect(exe).toMatchObject({ status: 415, body: { code: 'unsupported_media_type' } });
    expect(await upload(Buffer.alloc(0), { name: 'empty.txt' })).toMatchObject({ status: 400, body: { code: 'invalid_file' } });
  });

  it('refuses a file over the size limit, by its Content-Length or its bytes', async () => {
    const big = Buffer.alloc(1024 * 1024 + 1, 0x61);
    expect(await upload(big, { name: 'big.txt' })).toMatchObject({ status: 413, body: { code: 'too_large', message: 'An attachment may be at most 1 MB.' } });
  });

  it('refuses a file the scanner finds, and one it cannot scan, and never serves either', async () => {
    const found = await upload(MALWARE, { name: 'invoice.txt' });
    expect(found.status).toBe(422);
    expect(found.body).toMatchObject({ code: 'malware_found', message: expect.stringContaining(TEST_SIGNATURE) as string });
    const down = await startTestServer(database.url, { attachments: { clamd: { socket: '/nonexistent/clamd.sock' } } });
    try {
      const failed = await upload(LOG, { target: down, name: 'x.log' });
      expect(failed).toMatchObject({ status: 422, body: { code: 'scan_failed' } });
    } finally {
      await down.close();
    }
    // Without a scanner the same bytes are only checked for their type.
    expect((await upload(MALWARE, { target: unscanned, name: 'invoice.txt' })).status).toBe(201);
  });

  it('names a file sent without a usable name after its type, and needs a token', async () => {
    for (const name of [null, '%2F%2F']) {
      const stored = await upload(LOG, { name });
      expect(stored.status).toBe(201);
      const answer = await download(stored.body.id as string);
      expect(answer.headers.get('content-disposition')).toMatch(/^attachment; filename="attachment\.txt"/);
    }
    expect((await upload(LOG, { token: null })).status).toBe(401);
  });

  it('answers an unknown id and a file not yet attached of someone else the same 404', async () => {
    const mine = (await upload(PNG)).body as Receipt;
    const strangers = [await download(mine.id, omar), await download('att_AAAAAAAAAAAAAAAAAAAAAA', omar), await download('nonsense/../x', omar)];
    for (const answer of strangers) {
      expect(answer.status).toBe(404);
      expect(await answer.json()).toMatchObject({ code: 'not_found', message: 'No attachment has this id.' });
    }
    expect((await download(mine.id, null)).status).toBe(401);
  });
});
