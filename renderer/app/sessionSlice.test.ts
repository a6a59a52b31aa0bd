import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { PublicUser } from '../../shared/domain/records';
import type { SyncEngine, SyncStatus } from '../../shared/sync/engine';
import { makeUser } from '../../tests/support/factories';
import type { AuthApi } from '../signIn/authApi';
import { createWebCredentials, type KeyValueStorage } from '../signIn/credentials';
import { createDesktopServices } from '../desktop/desktopServices';
import { makeStandInBridge } from '../desktop/standInBridge';
import { createWebSessionServices } from '../signIn/webSessionServices';
import type { Workspace } from '../sync/workspace';
import { createSessionSlice, INITIAL_SYNC_STATUS } from './sessionSlice';
import type { AppState } from './storeTypes';
import { createUiSlice } from './uiSlice';

const tina = makeUser({ id: 'user-tina' });

/** An engine that only records what it is told and reports what the test makes it report. */
const makeEngine = () => {
  const listeners = new Set<(status: SyncStatus) => void>();
  let status = INITIAL_SYNC_STATUS;
  const calls: string[] = [];
  const engine: SyncEngine = {
    start: () => void calls.push('start'),
    stop: () => void calls.push('stop'),
    syncNow: async () => ({ ok: true, pushed: 0, pulled: 0 }),
    syncSoon: () => undefined,
    networkChanged: () => undefined,
    status: () => status,
    onStatus: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const report = (patch: Partial<SyncStatus>) => {
    status = { ...status, ...patch };
    listeners.forEach((listener) => listener(status));
  };
  return { engine, calls, report };
};

const memoryStorage = (): KeyValueStorage & { data: Map<string, string> } => {
  const data = new Map<string, string>();
  return { data, getItem: (key) => data.get(key) ?? null, setItem: (key, value) => void data.set(key, value), removeItem: (key) => void data.delete(key) };
};

const setup = (options: { me?: Awaited<ReturnType<AuthApi['me']>>; storage?: KeyValueStorage; cache?: 'ok' | 'newer' | 'failed' | 'throws' } = {}) => {
  const fake = makeEngine();
  const opened: PublicUser[] = [];
  const loggedOut: string[] = [];
  const auth: AuthApi = {
    login: async (username, password) =>
      username === 'tina' && password === 'demo-password' ? { ok: true, value: { token: 'token-1', user: tina } } : { ok: false, error: { code: 'invalid' } },
    me: async () => options.me ?? { ok: true, value: tina },
    logout: async (token) => void loggedOut.push(token),
  };
  const storage = options.storage ?? memoryStorage();
  const credentials = createWebCredentials(storage);
  const openWorkspace = (user: PublicUser): Workspace => {
    opened.push(user);
    // The slice only reaches the engine and `close`; the rest is never touched here.
    const open = async () => {
      if (options.cache === 'throws') throw new Error('UnknownError: Internal error opening backing store');
      return options.cache ?? 'ok';
    };
    return { user, engine: fake.engine, open, close: () => fake.engine.stop() } as unknown as Workspace;
  };
  const store = createStore<AppState>()((...args) => ({
    ...createSessionSlice(createWebSessionServices(auth, credentials, openWorkspace))(...args),
    ...createUiSlice(...args),
  }));
  return { store, fake, opened, loggedOut, credentials };
};

describe('session slice', () => {
  it('refuses a cache written by a newer Meja: stays signed out with the reason and never starts syncing it', async () => {
    const { store, fake } = setup({ cache: 'newer' });
    await store.getState().signIn('tina', 'demo-password');
    expect(store.getState().session).toEqual({ status: 'signed-out', error: { code: 'cacheTooNew' }, isBusy: false });
    expect(fake.calls).toEqual(['stop']);
  });

  it('stays signed out with a clear reason when the cache cannot be opened, rather than starting a console with nothing to read', async () => {
    for (const cache of ['failed', 'throws'] as const) {
      const { store, fake } = setup({ cache });
      await store.getState().signIn('tina', 'demo-password');
      expect(store.getState().session).toEqual({ status: 'signed-out', error: { code: 'cacheUnreadable' }, isBusy: false });
      expect(fake.calls).toEqual(['stop']);
    }
  });

  it("takes an admin's change to the signed-in account from sync, and nobody else's", async () => {
    const { store } = setup();
    await store.getState().signIn('tina', 'demo-password');
    const signedIn = () => {
      const { session } = store.getState();
      if (session.status !== 'signed-in') throw new Error('not signed in');
      return session;
    };
    const before = signedIn();
    store.getState().followAccount({ ...tina, id: 'user-sam', role: 'admin' });
    expect(store.getState().session).toBe(before);
    store.getState().followAccount({ ...tina });
    expect(store.getState().session).toBe(before);
    const promoted = { ...tina, role: 'supervisor' as const, tier: null };
    store.getState().followAccount(promoted);
    expect(signedIn().account).toEqual(promoted);
    // Who signed in, and the workspace the queue index is built on, stay the same.
    expect(signedIn().workspace).toBe(before.workspace);
    expect(signedIn().workspace.user).toEqual(tina);
  });

  it('shows the refusal of a wrong password and stays signed out', async () => {
    const { store, opened } = setup();
    await store.getState().signIn('tina', 'nope');
    expect(store.getState().session).toEqual({ status: 'signed-out', error: { code: 'invalid' }, isBusy: false });
    expect(opened).toHaveLength(0);
  });

  it('signs in: keeps the token, opens the user workspace, starts syncing and mirrors its status', async () => {
    const { store, fake, credentials } = setup();
    await store.getState().signIn(' tina ', 'demo-password');
    expect(store.getState().session.status).toBe('signed-in');
    expect(credentials.token()).toBe('token-1');
    expect(fake.calls).toEqual(['start']);
    fake.report({ state: 'syncing', received: 120 });
    expect(store.getState().syncStatus).toMatchObject({ state: 'syncing', received: 120 });
  });

  it('signs out when the server refuses the token during sync, without calling logout', async () => {
    const { store, fake, credentials, loggedOut } = setup();
    await store.getState().signIn('tina', 'demo-password');
    store.getState().selectTicket('t1');
    fake.report({ state: 'signed-out' });
    await Promise.resolve();
    expect(store.getState().session).toMatchObject({ status: 'signed-out', error: { code: 'sessionEnded' } });
    expect(store.getState().selectedTicketId).toBeNull();
    expect(credentials.token()).toBeNull();
    expect(fake.calls).toEqual(['start', 'stop']);
    expect(loggedOut).toEqual([]);
  });

  it('reopens a remembered session without the network, and keeps it while the server cannot be asked', async () => {
    const storage = memoryStorage();
    storage.setItem('meja.session', JSON.stringify({ token: 'token-1', user: tina }));
    const { store, opened } = setup({ storage, me: { ok: false, error: { code: 'network' } } });
    await store.getState().restore();
    expect(store.getState().session.status).toBe('signed-in');
    expect(opened).toEqual([tina]);
  });

  it('drops a remembered session the server no longer accepts', async () => {
    const storage = memoryStorage();
    storage.setItem('meja.session', JSON.stringify({ token: 'old', user: tina }));
    const { store } = setup({ storage, me: { ok: false, error: { code: 'sessionEnded' } } });
    await store.getState().restore();
    expect(store.getState().session.status).toBe('signed-out');
    expect(storage.data.has('meja.session')).toBe(false);
  });

  it('signs out on request and tells the server', async () => {
    const { store, loggedOut } = setup();
    await store.getState().signIn('tina', 'demo-password');
    await store.getState().signOut();
    expect(store.getState().session).toEqual({ status: 'signed-out', error: null, isBusy: false });
    expect(loggedOut).toEqual(['token-1']);
  });

  it('in the desktop app signs in through the main process, keeps no token, and ends the session there when sync is refused', async () => {
    const fake = makeEngine();
    let remembered: { user: PublicUser; serverUrl: string } | null = null;
    const main = makeStandInBridge({
      'session:signIn': () => {
        remembered = { user: tina, serverUrl: 'https://helpdesk.example.test' };
        return { signedIn: true, session: remembered };
      },
      'session:get': () => remembered,
      'session:signOut': () => {
        remembered = null;
        return null;
      },
    });
    const openWorkspace = (user: PublicUser): Workspace =>
      ({ user, engine: fake.engine, open: async () => 'ok', close: () => fake.engine.stop() }) as unknown as Workspace;
    const services = createDesktopServices(main.bridge, openWorkspace);
    const store = createStore<AppState>()((...args) => ({ ...createSessionSlice(services)(...args), ...createUiSlice(...args) }));

    await store.getState().signIn('tina', 'demo-password');
    expect(store.getState().session.status).toBe('signed-in');
    expect(JSON.stringify(store.getState().session)).not.toMatch(/token/i);

    fake.report({ state: 'signed-out' });
    await Promise.resolve();
    expect(store.getState().session).toMatchObject({ status: 'signed-out', error: { code: 'sessionEnded' } });
    expect(main.channelsCalled()).toEqual(['session:signIn', 'session:signOut']);
    await store.getState().restore();
    expect(store.getState().session.status).toBe('signed-out');
  });
});
