import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMejaDb, type MejaDb } from '../../renderer/db/database';
import { createDexieLocalDb } from '../../renderer/db/localDb';
import { HSTS_MAX_AGE_S } from '../../server/securityHeaders';
import type { PublicUser } from '../../shared/domain/records';
import { createSyncEngine, type SyncEngine } from '../../shared/sync/engine';
import { createHttpRemote } from '../../shared/sync/httpRemote';
import { mutate } from '../../shared/sync/syncStore';
import { createSyncSteps } from '../../shared/sync/syncSteps';
import { createSqliteDatabase, type TestDatabase } from '../support/databases';
import { makeCreateArgs } from '../support/factories';
import { login } from '../support/syncClient';
import { makeTestCertificate, type TestCertificate } from '../support/testCertificate';
import { startTestServer, type TestServer } from '../support/testServer';

const HSTS = `max-age=${HSTS_MAX_AGE_S}; includeSubDomains`;
const PASSWORD = 'https-test-password';

const waitFor = async (what: string, check: () => Promise<boolean>, ms = 15_000): Promise<void> => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

// TLS sits in front of every route alike and touches no SQL: one engine is enough here.
describe('the server over https (MEJA_TLS_CERT, MEJA_TLS_KEY)', () => {
  let certificate: TestCertificate;
  let database: TestDatabase;
  let folder: string;
  /** The same database served twice: over https, and over plain http to compare. */
  let secure: TestServer;
  let plain: TestServer;

  beforeAll(async () => {
    certificate = await makeTestCertificate();
    database = await createSqliteDatabase();
    folder = mkdtempSync(join(tmpdir(), 'meja-https-web-'));
    mkdirSync(join(folder, 'assets'));
    writeFileSync(join(folder, 'index.html'), '<!doctype html><title>Meja console</title><script type="module" src="/assets/app-1.js"></script>');
    writeFileSync(join(folder, 'assets', 'app-1.js'), 'console.log("meja");');
    plain = await startTestServer(database.url, { staticDir: folder });
    secure = await startTestServer(database.url, { staticDir: folder, tls: { cert: certificate.cert, key: certificate.key } });
    const admin = await login(plain.url, 'admin', plain.adminPassword);
    for (const [username, tier] of [
      ['tina', 1],
      ['sam', 2],
    ] as const) {
      await plain.createUser(admin.token, { username, password: PASSWORD, displayName: username, role: 'technician', tier });
    }
  });

  afterAll(async () => {
    await secure?.close();
    await plain?.close();
    await database?.drop();
    await certificate?.close();
    if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
  });

  it('names itself https and serves the web console over verified TLS', async () => {
    expect(secure.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(plain.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const page = await certificate.fetch(`${secure.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Meja console');
    const script = await certificate.fetch(`${secure.url}/assets/app-1.js`);
    expect(await script.text()).toContain('meja');
    // The same request without the test CA is refused by the client: the TLS above was verified.
    await expect(fetch(`${secure.url}/`)).rejects.toThrow();
    // And the https port speaks nothing else.
    await expect(fetch(secure.url.replace('https:', 'http:'))).rejects.toThrow();
  });

  it('sends HSTS and upgrade-insecure-requests over https, on pages, API answers and errors alike; never over plain http', async () => {
    for (const path of ['/', '/tickets/42', '/track', '/help', '/help/some-article', '/api/health', '/api/auth/me', '/api/nothing', '/assets/gone.js']) {
      const overHttps = await certificate.fetch(`${secure.url}${path}`);
      expect(overHttps.headers.get('strict-transport-security'), path).toBe(HSTS);
      expect(overHttps.headers.get('content-security-policy'), path).toMatch(/; upgrade-insecure-requests$/);
      expect(overHttps.headers.get('x-content-type-options'), path).toBe('nosniff');

      const overHttp = await fetch(`${plain.url}${path}`);
      expect(overHttp.headers.get('strict-transport-security'), path).toBeNull();
      expect(overHttp.headers.get('content-security-policy'), path).not.toContain('upgrade-insecure-requests');
      expect(overHttp.headers.get('content-security-policy'), path).toContain("script-src 'self'");
    }
    // Fastify answers a broken %-escape itself, before any hook: it carries the headers too.
    const malformed = await certificate.fetch(`${secure.url}/api/track/%E0%A4%A`);
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('strict-transport-security')).toBe(HSTS);
  });

  it('syncs over https: the real engine pushes a change, and another console hears the poke and pulls it', async () => {
    const consoles: Array<{ engine: SyncEngine; db: MejaDb; user: PublicUser; token: string }> = [];
    const openConsole = async (username: string) => {
      const answer = await certificate.fetch(`${secure.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: PASSWORD }),
      });
      expect(answer.status).toBe(200);
      const { token, user } = (await answer.json()) as { token: string; user: PublicUser };
      const db = openMejaDb(`meja-https-${username}-${randomUUID()}`);
      const steps = createSyncSteps(createDexieLocalDb(db), randomUUID);
      const remote = createHttpRemote({ baseUrl: secure.url, fetch: certificate.syncFetch, getToken: () => token });
      const engine = createSyncEngine({ steps, remote });
      const opened = { engine, db, user, token };
      consoles.push(opened);
      return opened;
    };
    try {
      const tina = await openConsole('tina');
      const sam = await openConsole('sam');
      expect(await tina.engine.syncNow()).toMatchObject({ ok: true });
      sam.engine.start();
      await waitFor('the event stream over https', async () => sam.engine.status().live);

      const args = makeCreateArgs({ title: 'Printer on floor 3 jams' });
      expect(
        (await mutate(createDexieLocalDb(tina.db), { id: randomUUID(), name: 'ticket:create', args, at: new Date().toISOString(), actorId: tina.user.id })).ok,
      ).toBe(true);
      expect(await tina.engine.syncNow()).toMatchObject({ ok: true, pushed: 1 });
      expect((await tina.db.tickets.get(args.id))?.number).toBeGreaterThan(0);
      await waitFor('the ticket on the other console', async () => (await sam.db.tickets.get(args.id))?.number != null);
      expect(await sam.db.tickets.get(args.id)).toMatchObject({ title: 'Printer on floor 3 jams', code: args.code });
      expect(sam.engine.status()).toMatchObject({ state: 'idle', error: null });
    } finally {
      for (const opened of consoles) {
        opened.engine.stop();
        opened.db.close();
        await opened.db.delete();
      }
    }
  });

  it('sets no cookie, over https, on any route for anyone: there is none that could lack Secure', async () => {
    const admin = await login(plain.url, 'admin', plain.adminPassword);
    const signedOut = await login(plain.url, 'admin', plain.adminPassword);
    const seen: string[] = [];
    const check = async (method: string, path: string, token: string | null) => {
      const controller = new AbortController();
      const headers: Record<string, string> = token === null ? {} : { authorization: `Bearer ${token}` };
      const hasBody = method !== 'GET' && method !== 'DELETE';
      const response = await certificate.fetch(`${secure.url}${path}`, {
        method,
        headers: hasBody ? { ...headers, 'content-type': 'application/json' } : headers,
        ...(hasBody ? { body: '{}' } : {}),
        signal: controller.signal,
      });
      seen.push(`${method} ${path} ${token === null ? 'anonymous' : 'admin'} ${response.status}`);
      expect(response.headers.get('set-cookie'), `${method} ${path}`).toBeNull();
      expect(response.headers.get('strict-transport-security'), `${method} ${path}`).toBe(HSTS);
      // The event stream never ends by itself.
      controller.abort();
    };
    // The login that succeeds answers the token in its body, never as a cookie.
    const loginAnswer = await certificate.fetch(`${secure.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'tina', password: PASSWORD }),
    });
    expect(loginAnswer.status).toBe(200);
    expect(loginAnswer.headers.get('set-cookie')).toBeNull();
    for (const rule of secure.routes) {
      const path = rule.url.replace(/:[A-Za-z]+/g, 'x').replace('*', 'ABCD2345');
      await check(rule.method, path, null);
      await check(rule.method, path, path === '/api/auth/logout' ? signedOut.token : admin.token);
    }
    for (const path of ['/', '/track', '/tickets/7', '/assets/app-1.js', '/sw.js', '/nothing.png']) await check('GET', path, null);
    expect(seen.length).toBeGreaterThan(2 * 15);
    expect(seen.some((line) => / 200$/.test(line) && line.includes('/api/users'))).toBe(true);
  });
});
