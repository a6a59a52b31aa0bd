import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PublicUser } from '../../shared/domain/records';
import { makeFakeSafeStorage, type FakeStorageBackend } from '../testing/fakeElectron';
import { createSecretStore, SESSION_FILE, type StoredSession } from './secretStore';

const sam: PublicUser = { id: 'u-sam', username: 'sam', displayName: 'Sam Sitompul', role: 'technician', tier: 2, active: true };
const TOKEN = 'tok_3f9a1c7e5b2d48a6b0c1d2e3f4a5b6c7';
const session: StoredSession = { serverUrl: 'https://meja.example.co.id', user: sam, token: TOKEN };

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'meja-secrets-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

const sessionFile = () => join(folder, SESSION_FILE);
const storeWith = (safeStorage = makeFakeSafeStorage(), platform = 'linux') => createSecretStore({ folder, safeStorage, platform });

describe('createSecretStore', () => {
  it('keeps the session for the next start with the token encrypted, never in clear', async () => {
    const safeStorage = makeFakeSafeStorage();
    await storeWith(safeStorage).save(session);
    const text = await readFile(sessionFile(), 'utf8');
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(Buffer.from(TOKEN).toString('base64'));
    expect(text).toContain('Sam Sitompul');
    // A new store is what the next start of the app sees.
    expect(await storeWith(safeStorage).load()).toEqual(session);
  });

  it('writes the file for its owner only and leaves no temporary file behind', async () => {
    const store = storeWith();
    await Promise.all([store.save(session), store.save({ ...session, token: 'second' }), store.clear(), store.save(session)]);
    expect(await readdir(folder)).toEqual([SESSION_FILE]);
    expect((await stat(sessionFile())).mode & 0o777).toBe(0o600);
    expect(await store.load()).toEqual(session);
  });

  it('runs calls in the order made, so a sign-out right after a sign-in wins', async () => {
    const store = storeWith();
    void store.save(session);
    await store.clear();
    expect(await storeWith().load()).toBeNull();
  });

  it.each<[string, boolean, FakeStorageBackend, string]>([
    ['linux', true, 'gnome_libsecret', 'os'],
    ['linux', true, 'kwallet6', 'os'],
    ['linux', true, 'basic_text', 'plain-text'],
    ['linux', true, 'unknown', 'plain-text'],
    ['linux', false, 'gnome_libsecret', 'unavailable'],
    ['darwin', true, 'unknown', 'os'],
    ['win32', true, 'basic_text', 'os'],
    ['win32', false, 'unknown', 'unavailable'],
  ])('on %s with encryption %s and backend %s says %s', (platform, available, backend, kind) => {
    expect(storeWith(makeFakeSafeStorage({ available, backend }), platform).kind()).toBe(kind);
  });

  it('still encrypts with the plain-text backend (the app warns about it)', async () => {
    const safeStorage = makeFakeSafeStorage({ backend: 'basic_text' });
    await storeWith(safeStorage).save(session);
    expect(await readFile(sessionFile(), 'utf8')).not.toContain(TOKEN);
    expect(await storeWith(safeStorage).load()).toEqual(session);
  });

  it('keeps the token in memory only when there is no encryption, so a restart asks to sign in again', async () => {
    const safeStorage = makeFakeSafeStorage({ available: false });
    const store = storeWith(safeStorage);
    await store.save(session);
    expect(await readFile(sessionFile(), 'utf8')).not.toContain(TOKEN);
    expect(await store.load()).toEqual(session);
    expect(await storeWith(safeStorage).load()).toBeNull();
    expect(await storeWith(safeStorage).lastServerUrl()).toBe('https://meja.example.co.id');
  });

  it('forgets the session on clear but remembers the server for the next sign-in', async () => {
    const store = storeWith();
    expect(await store.lastServerUrl()).toBeNull();
    await store.save(session);
    await store.clear();
    expect(await store.load()).toBeNull();
    expect(await storeWith().lastServerUrl()).toBe('https://meja.example.co.id');
    expect(await readFile(sessionFile(), 'utf8')).not.toContain('u-sam');
  });

  it.each([
    ['not JSON', '{"version":1,"lastServ'],
    ['another version', JSON.stringify({ version: 2, lastServerUrl: null, session: null })],
    [
      'a token that is not base64',
      JSON.stringify({ version: 1, lastServerUrl: null, session: { serverUrl: 'https://a.example', user: sam, encryptedToken: 'not base64!' } }),
    ],
    ['a server that is not http(s)', JSON.stringify({ version: 1, lastServerUrl: 'file:///etc', session: null })],
  ])('reads a corrupt file (%s) as no session and removes it', async (_case, text) => {
    await writeFile(sessionFile(), text);
    expect(await storeWith().load()).toBeNull();
    expect(await readdir(folder)).toEqual([]);
  });

  it('drops a token that no longer decrypts (another keyring) and keeps the server', async () => {
    const stranger = Buffer.from('sealed by another keyring').toString('base64');
    await writeFile(
      sessionFile(),
      JSON.stringify({
        version: 1,
        lastServerUrl: 'https://meja.example.co.id',
        session: { serverUrl: 'https://meja.example.co.id', user: sam, encryptedToken: stranger },
      }),
    );
    const store = storeWith();
    expect(await store.load()).toBeNull();
    const text = await readFile(sessionFile(), 'utf8');
    expect(text).not.toContain(stranger);
    expect(await store.lastServerUrl()).toBe('https://meja.example.co.id');
  });

  it('drops a saved session whose user is not a user', async () => {
    const store = storeWith();
    await store.save(session);
    const file = JSON.parse(await readFile(sessionFile(), 'utf8')) as { session: { user: unknown } };
    file.session.user = { id: 'u-sam', role: 'root' };
    await writeFile(sessionFile(), JSON.stringify(file));
    expect(await storeWith().load()).toBeNull();
    expect(await readFile(sessionFile(), 'utf8')).not.toContain('encryptedToken');
  });

  it('keeps the file while the keyring is locked, for a start when it is open again', async () => {
    const safeStorage = makeFakeSafeStorage();
    await storeWith(safeStorage).save(session);
    safeStorage.settings.available = false;
    expect(await storeWith(safeStorage).load()).toBeNull();
    safeStorage.settings.available = true;
    expect(await storeWith(safeStorage).load()).toEqual(session);
  });
});
