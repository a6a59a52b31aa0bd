import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../shared/ipc/contract';
import { startTestServer, type TestServer } from '../../tests/support/testServer';
import { makeFakeSafeStorage } from '../testing/fakeElectron';
import { createLogFile } from './logging';
import { createSecretStore, SESSION_FILE } from './secretStore';
import { createMainSession, type SessionFetch } from './session';

let server: TestServer;
let dataFolder: string;
let folder: string;

beforeAll(async () => {
  dataFolder = await mkdtemp(join(tmpdir(), 'meja-session-db-'));
  server = await startTestServer(`sqlite:${join(dataFolder, 'meja.db')}`, { demo: true });
});
afterAll(async () => {
  await server?.close();
  await rm(dataFolder, { recursive: true, force: true });
});
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'meja-session-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

const safeStorage = makeFakeSafeStorage();
/** What the app builds at each start: a new store and session over the same user-data folder. */
const start = (options: { defaultServerUrl?: string; fetch?: SessionFetch } = {}) =>
  createMainSession({
    defaultServerUrl: options.defaultServerUrl ?? server.url,
    secrets: createSecretStore({ folder, safeStorage, platform: 'linux' }),
    fetch: options.fetch ?? fetch,
  });
// The network cable pulled: every request fails before it reaches anything.
const offline: SessionFetch = () => Promise.reject(new TypeError('fetch failed'));

const meStatus = async (token: string | null) => (await fetch(`${server.url}/api/auth/me`, { headers: { authorization: `Bearer ${token ?? ''}` } })).status;

/** A server that answers every request with `status` and `body`, as a broken proxy or a captive portal does. */
const startOddServer = async (status: number, body: string): Promise<{ url: string; server: Server }> => {
  const odd = createServer((_request, response) => response.writeHead(status, { 'content-type': 'text/html' }).end(body));
  await new Promise<void>((resolve) => odd.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(odd.address() as AddressInfo).port}`, server: odd };
};

describe('createMainSession', () => {
  it('signs in at the configured server and keeps the token in the main process', async () => {
    const session = start();
    const seen: (SessionInfo | null)[] = [];
    session.onChange((info) => seen.push(info));
    const outcome = await session.signIn({ username: 'sam', password: 'demo-password' });
    expect(outcome).toMatchObject({ signedIn: true, session: { serverUrl: server.url, user: { username: 'sam', tier: 2 } } });
    expect(session.get()).toEqual(outcome.signedIn ? outcome.session : null);
    expect(seen).toEqual([session.get()]);
    expect(await meStatus(session.token())).toBe(200);
    const token = session.token() ?? 'no token';
    expect(await readFile(join(folder, SESSION_FILE), 'utf8')).not.toContain(token);
  });

  it('says which way a sign-in failed: wrong password, no server, a server that makes no sense', async () => {
    const session = start();
    expect(await session.signIn({ username: 'sam', password: 'wrong-password' })).toEqual({ signedIn: false, reason: 'invalid_credentials' });
    expect(await session.signIn({ username: 'nobody', password: 'demo-password' })).toEqual({ signedIn: false, reason: 'invalid_credentials' });

    const gone = await startOddServer(200, '');
    gone.server.close();
    expect(await session.signIn({ serverUrl: gone.url, username: 'sam', password: 'demo-password' })).toEqual({ signedIn: false, reason: 'unreachable' });

    for (const [status, body] of [
      [502, '<h1>Bad Gateway</h1>'],
      [200, '<html>Wi-Fi login</html>'],
      [200, '{"token":42}'],
    ] as const) {
      const odd = await startOddServer(status, body);
      try {
        expect(await session.signIn({ serverUrl: odd.url, username: 'sam', password: 'demo-password' })).toEqual({ signedIn: false, reason: 'server_error' });
      } finally {
        odd.server.close();
      }
    }
    expect(session.get()).toBeNull();
    expect(session.token()).toBeNull();
  });

  it('stays signed in across a restart without the network', async () => {
    await start().signIn({ username: 'rita', password: 'demo-password' });
    const restarted = start({ fetch: offline });
    const { checked } = await restarted.restore();
    expect(restarted.get()).toMatchObject({ user: { username: 'rita' }, serverUrl: server.url });
    await checked;
    expect(restarted.get()).toMatchObject({ user: { username: 'rita' } });
    expect(await meStatus(restarted.token())).toBe(200);
  });

  it('signs out at start-up when the server no longer accepts the saved token', async () => {
    const first = start();
    await first.signIn({ username: 'tina', password: 'demo-password' });
    // Revoked elsewhere (an admin, or an expiry) while the app was closed.
    await fetch(`${server.url}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${first.token() ?? ''}` } });

    const restarted = start();
    const seen: (SessionInfo | null)[] = [];
    restarted.onChange((info) => seen.push(info));
    const { checked } = await restarted.restore();
    await checked;
    expect(restarted.get()).toBeNull();
    expect(seen.map((info) => info?.user.username ?? null)).toEqual(['tina', null]);
    const again = start();
    await again.restore();
    expect(again.get()).toBeNull();
  });

  it('signs out: the server revokes the token, the file forgets it, the server is remembered', async () => {
    const session = start();
    await session.signIn({ username: 'sue', password: 'demo-password' });
    const token = session.token();
    await session.signOut();
    expect(session.get()).toBeNull();
    expect(session.token()).toBeNull();
    expect(await meStatus(token)).toBe(401);

    const restarted = start({ defaultServerUrl: 'http://127.0.0.1:9' });
    await restarted.restore();
    expect(restarted.get()).toBeNull();
    expect(restarted.serverUrl()).toBe(server.url);
    // The next sign-in goes to the server signed in to last, not to the configured default.
    expect(await restarted.signIn({ username: 'sue', password: 'demo-password' })).toMatchObject({ signedIn: true, session: { serverUrl: server.url } });
  });

  it('signs out offline too', async () => {
    const session = start();
    await session.signIn({ username: 'tomas', password: 'demo-password' });
    const token = session.token();
    const offlineSession = start({ fetch: offline });
    await offlineSession.restore();
    expect(offlineSession.get()).not.toBeNull();
    await offlineSession.signOut();
    expect(offlineSession.get()).toBeNull();
    const restarted = start();
    await restarted.restore();
    expect(restarted.get()).toBeNull();
    // Nobody could tell the server: the token stays valid there until it expires.
    expect(await meStatus(token)).toBe(200);
  });

  it('does not let a late start-up check sign out a newer sign-in', async () => {
    const first = start();
    await first.signIn({ username: 'sam', password: 'demo-password' });
    // The saved token is revoked, so the next start's check will answer 401.
    await fetch(`${server.url}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${first.token() ?? ''}` } });
    // Hold the check's answer back until the technician has signed in again.
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slowCheck: SessionFetch = async (url, init) => {
      const response = await fetch(url, init);
      if (url.endsWith('/api/auth/me')) await released;
      return response;
    };
    const restarted = start({ fetch: slowCheck });
    const { checked } = await restarted.restore();
    expect(await restarted.signIn({ username: 'rita', password: 'demo-password' })).toMatchObject({ signedIn: true });
    release();
    await checked;
    expect(restarted.get()).toMatchObject({ user: { username: 'rita' } });
    expect(await meStatus(restarted.token())).toBe(200);
    const next = start();
    await (
      await next.restore()
    ).checked;
    expect(next.get()).toMatchObject({ user: { username: 'rita' } });
  });

  it('logs a warning at start-up when the token is not kept by an OS keyring, and never the token', async () => {
    const log = createLogFile({ folder });
    const weak = createMainSession({
      defaultServerUrl: server.url,
      secrets: createSecretStore({ folder, safeStorage: makeFakeSafeStorage({ backend: 'basic_text' }), platform: 'linux' }),
      fetch,
      log,
    });
    await (
      await weak.restore()
    ).checked;
    await weak.signIn({ username: 'sam', password: 'demo-password' });
    const token = weak.token() ?? 'no token';
    await weak.signOut();
    await log.flush();
    const text = await readFile(join(folder, 'logs', 'main.log'), 'utf8');
    expect(text).toMatch(/WARN {2}\[session\] no OS keyring/);
    expect(text).toContain('signed in as sam');
    expect(text).not.toContain('demo-password');
    expect(text).not.toContain(token);
  });
});
