/**
 * Answers are compressed for clients that ask (Brotli, else gzip), over loopback on the real
 * server: a pull page decompresses to exactly the uncompressed answer; small answers and the
 * event stream go as they are.
 */
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS, createDatabase, type TestDatabase } from '../support/databases';
import { makeCreateArgs } from '../support/factories';
import { push } from '../support/http';
import { signInTechnician, startTestServer, type TestServer } from '../support/testServer';

type Raw = { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer };

/** A GET whose body is read as it came off the wire: node:http neither asks for nor undoes any encoding. */
const rawGet = (url: string, headers: Record<string, string>, firstChunkOnly = false): Promise<Raw> =>
  new Promise((done, failed) => {
    const sent = request(url, { headers }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        if (firstChunkOnly) {
          done({ status: answer.statusCode ?? 0, headers: answer.headers, body: Buffer.concat(chunks) });
          sent.destroy();
        }
      });
      answer.on('end', () => done({ status: answer.statusCode ?? 0, headers: answer.headers, body: Buffer.concat(chunks) }));
    });
    sent.on('error', (error) => (firstChunkOnly ? undefined : failed(error)));
    sent.end();
  });

describe.each(DATABASE_KINDS)('compressed answers on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    database = await createDatabase(kind);
    server = await startTestServer(database.url);
    token = await signInTechnician(server);
    await push(
      server.url,
      token,
      Array.from({ length: 40 }, (_, i) => ({ name: 'ticket:create', args: makeCreateArgs({ title: `Printer ${i} on floor 3 jams every morning` }) })),
    );
  });

  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  const pull = (encoding?: string) =>
    rawGet(`${server.url}/api/sync/pull?limit=500`, { authorization: `Bearer ${token}`, ...(encoding === undefined ? {} : { 'accept-encoding': encoding }) });

  it('sends a pull page in Brotli when asked, else gzip, and each decompresses to the plain answer', async () => {
    const plain = await pull();
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const pageOf = (body: Buffer) => {
      const page = JSON.parse(body.toString('utf8')) as { changes: unknown[]; serverTime?: string };
      // The answer's own clock differs between two reads; the records may not.
      return page.changes;
    };
    expect(pageOf(plain.body).length).toBeGreaterThan(40);

    const br = await pull('gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(pageOf(brotliDecompressSync(br.body))).toEqual(pageOf(plain.body));
    expect(br.body.length).toBeLessThan(plain.body.length / 3);

    const gzip = await pull('gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(pageOf(gunzipSync(gzip.body))).toEqual(pageOf(plain.body));
  });

  it('sends small answers and the event stream as they are', async () => {
    const health = await rawGet(`${server.url}/api/health`, { 'accept-encoding': 'br, gzip' });
    expect(health.status).toBe(200);
    expect(health.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(health.body.toString('utf8'))).toMatchObject({ ok: true });

    const events = await rawGet(`${server.url}/api/sync/events`, { authorization: `Bearer ${token}`, 'accept-encoding': 'br, gzip' }, true);
    expect(events.status).toBe(200);
    expect(events.headers['content-encoding']).toBeUndefined();
    // Readable as it arrives: the first event is plain text.
    expect(events.body.toString('utf8')).toMatch(/^(:|event:|data:|retry:)/m);
  });
});
