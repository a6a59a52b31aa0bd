import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { namedHostFetch } from '../../tests/support/namedHostFetch';
import { login } from '../../tests/support/syncClient';
import { makeTestCertificate, type TestCertificate } from '../../tests/support/testCertificate';
import { startTestServer, type TestServer } from '../../tests/support/testServer';
import { makeFakeSafeStorage } from '../testing/fakeElectron';
import { createSecretStore, SESSION_FILE } from './secretStore';
import { createMainSession, type SessionFetch } from './session';

/*
 * The desktop app's sign-in to a plain-http server on another machine. The server is the real one
 * on loopback; the session reaches it under made-up office host names (namedHostFetch resolves
 * them to 127.0.0.1 as a hosts file would), so the URL it judges is the one an office would give.
 */

const PASSWORD = 'demo-password';
let server: TestServer;
let secure: TestServer;
let certificate: TestCertificate;
let dataFolder: string;
let folder: string;
let network: ReturnType<typeof namedHostFetch>;
let office: string;
let otherOffice: string;

beforeAll(async () => {
  dataFolder = await mkdtemp(join(tmpdir(), 'meja-unencrypted-db-'));
  certificate = await makeTestCertificate();
  server = await startTestServer(`sqlite:${join(dataFolder, 'meja.db')}`, { demo: true });
  secure = await startTestServer(`sqlite:${join(dataFolder, 'meja.db')}`, { tls: { cert: certificate.cert, key: certificate.key } });
  office = `http://meja.office.test:${server.port}`;
  otherOffice = `http://meja2.office.test:${server.port}`;
});
afterAll(async () => {
  await secure?.close();
  await server?.close();
  await certificate?.close();
  await rm(dataFolder, { recursive: true, force: true });
});
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'meja-unencrypted-'));
  network = namedHostFetch({ 'meja.office.test': '127.0.0.1', 'meja2.office.test': '127.0.0.1' });
});
afterEach(async () => {
  await network.close();
  await rm(folder, { recursive: true, force: true });
});

const safeStorage = makeFakeSafeStorage();
const secretsIn = () => createSecretStore({ folder, safeStorage, platform: 'linux' });
/** What the app builds at each start: a new store and session over the same user-data folder. */
const start = (defaultServerUrl: string, fetch: SessionFetch = network.fetch) => createMainSession({ defaultServerUrl, secrets: secretsIn(), fetch });
const sessionFile = async (): Promise<string> => readFile(join(folder, SESSION_FILE), 'utf8').catch(() => '');

describe('signing in to a plain-http server on another machine', () => {
  it('is refused before anything is sent, whether the address was configured (MEJA_SERVER_URL) or given', async () => {
    const session = start(office);
    expect(await session.signIn({ username: 'sam', password: PASSWORD })).toEqual({ signedIn: false, reason: 'unencrypted_connection' });
    expect(await session.signIn({ serverUrl: otherOffice, username: 'sam', password: PASSWORD, allowUnencrypted: false })).toEqual({
      signedIn: false,
      reason: 'unencrypted_connection',
    });
    expect(await session.signIn({ serverUrl: `http://10.20.30.40:${server.port}`, username: 'sam', password: PASSWORD })).toEqual({
      signedIn: false,
      reason: 'unencrypted_connection',
    });
    // Not one request left: the password never crossed the wire.
    expect(network.requests).toEqual([]);
    expect(session.get()).toBeNull();
    expect(session.isUnencryptedAllowed(office)).toBe(false);
    expect(await sessionFile()).toBe('');
  });

  it('signs in with the consent, remembers it for that server only, and a restart needs it no more', async () => {
    const first = start(office);
    const outcome = await first.signIn({ username: 'sam', password: PASSWORD, allowUnencrypted: true });
    expect(outcome).toMatchObject({ signedIn: true, session: { serverUrl: office, user: { username: 'sam' } } });
    expect(network.requests).toEqual([`${office}/api/auth/login`]);
    expect(first.isUnencryptedAllowed(office)).toBe(true);
    expect(first.isUnencryptedAllowed(`${office}/some/path`)).toBe(true);
    expect(first.isUnencryptedAllowed(otherOffice)).toBe(false);
    const file = JSON.parse(await sessionFile()) as { unencryptedAllowed: string[] };
    expect(file.unencryptedAllowed).toEqual([office]);
    expect(await sessionFile()).not.toContain(first.token() ?? 'no token');
    await first.signOut();

    const restarted = start(office);
    await restarted.restore();
    expect(restarted.isUnencryptedAllowed(office)).toBe(true);
    expect(await restarted.signIn({ username: 'rita', password: PASSWORD })).toMatchObject({ signedIn: true, session: { serverUrl: office } });
    // Another server on the network is another decision.
    expect(await restarted.signIn({ serverUrl: otherOffice, username: 'rita', password: PASSWORD })).toEqual({
      signedIn: false,
      reason: 'unencrypted_connection',
    });
    // A sign-in signed in over another session keeps the consent in the file.
    expect(JSON.parse(await sessionFile())).toMatchObject({ unencryptedAllowed: [office], session: { serverUrl: office } });
  });

  it('does not restore a session on such a server that was never allowed, and sends its token nowhere', async () => {
    // A session file written before consent was asked for.
    const { token, user } = await login(server.url, 'tina', PASSWORD);
    await secretsIn().save({ serverUrl: office, user, token });
    const restarted = start(office);
    const { checked } = await restarted.restore();
    await checked;
    expect(restarted.get()).toBeNull();
    expect(network.requests).toEqual([]);
    expect(await sessionFile()).toContain('"session":null');

    // Where it was allowed, the same file restores and is checked with the server.
    await secretsIn().save({ serverUrl: office, user, token });
    await secretsIn().allowUnencrypted(office);
    const allowed = start(office);
    await (
      await allowed.restore()
    ).checked;
    expect(allowed.get()).toMatchObject({ serverUrl: office, user: { username: 'tina' } });
    expect(network.requests).toEqual([`${office}/api/auth/me`]);
  });

  it('needs no consent for https, nor for plain http on this machine', async () => {
    const overTls = start(secure.url, certificate.fetch);
    expect(await overTls.signIn({ username: 'sue', password: PASSWORD })).toMatchObject({ signedIn: true, session: { serverUrl: secure.url } });
    expect(overTls.isUnencryptedAllowed(secure.url)).toBe(false);
    const loopback = start(server.url, fetch);
    expect(await loopback.signIn({ username: 'sue', password: PASSWORD })).toMatchObject({ signedIn: true, session: { serverUrl: server.url } });
    expect(JSON.parse(await sessionFile())).toMatchObject({ unencryptedAllowed: [] });
  });
});
