import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteDatabase, type TestDatabase } from '../support/databases';
import { startTestServer, type TestServer } from '../support/testServer';

const CSP =
  "default-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; worker-src 'self'; frame-ancestors 'none'";

const expectSecurityHeaders = (response: Response) => {
  expect(response.headers.get('content-security-policy')).toContain(CSP);
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('referrer-policy')).toBe('no-referrer');
};

// Serving files does not touch the database, so one engine is enough here.
describe('web console', () => {
  let database: TestDatabase;
  let folder: string;
  let built: TestServer;
  let unbuilt: TestServer;

  beforeAll(async () => {
    database = await createSqliteDatabase();
    folder = mkdtempSync(join(tmpdir(), 'meja-web-'));
    const dist = join(folder, 'built');
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Meja console</title><script type="module" src="/assets/app-1234.js"></script>');
    writeFileSync(join(dist, 'assets', 'app-1234.js'), 'console.log("meja");');
    mkdirSync(join(folder, 'empty'));
    built = await startTestServer(database.url, { staticDir: dist });
    unbuilt = await startTestServer(database.url, { staticDir: join(folder, 'empty') });
  });

  afterAll(async () => {
    await built?.close();
    await unbuilt?.close();
    await database?.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('serves the built console at / and falls back to it for client-side routes', async () => {
    for (const path of ['/', '/tickets/42', '/queue?tier=2']) {
      const response = await fetch(`${built.url}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(await response.text()).toContain('Meja console');
      expectSecurityHeaders(response);
    }
    const script = await fetch(`${built.url}/assets/app-1234.js`);
    expect(script.headers.get('content-type')).toContain('javascript');
    expect(script.headers.get('cache-control')).toContain('immutable');
    expect(await script.text()).toContain('meja');
  });

  it('answers a missing file or API route with a JSON 404, not the page', async () => {
    for (const path of ['/assets/gone-9999.js', '/api/nothing', '/api']) {
      const response = await fetch(`${built.url}${path}`);
      expect(response.status, path).toBe(404);
      expect(await response.json()).toMatchObject({ statusCode: 404, code: 'not_found', error: 'Not Found' });
      expectSecurityHeaders(response);
    }
  });

  it('says how to build the console when it is not built', async () => {
    const response = await fetch(`${unbuilt.url}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('npm run build');
    expectSecurityHeaders(response);
    expect((await fetch(`${unbuilt.url}/api/health`)).status).toBe(200);
  });
});
