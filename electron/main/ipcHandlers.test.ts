import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SYNC_PORT_MESSAGE, type AppInfo } from '../../shared/ipc/contract';
import type { SyncStatus } from '../../shared/sync/engine';
import { startTestServer, type TestServer } from '../../tests/support/testServer';
import { invokeEventFrom, makeFakeIpcMain, makeFakeSafeStorage, makeFakeWebContents } from '../testing/fakeElectron';
import { isTrustedSenderFor, registerIpcHandlers } from './ipc';
import { createShellHandlers, type AttachTarget, type ShellSync } from './ipcHandlers';
import { createLogFile } from './logging';
import { createSecretStore } from './secretStore';
import { createMainSession } from './session';

const APP = 'app://console';

let server: TestServer;
let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'meja-handlers-'));
  server = await startTestServer(`sqlite:${join(folder, 'meja.db')}`, { demo: true });
});
afterAll(async () => {
  await server?.close();
  await rm(folder, { recursive: true, force: true });
});

const idle: SyncStatus = {
  state: 'idle',
  pending: 3,
  received: 0,
  total: null,
  fromScratch: false,
  lastSyncedAt: null,
  error: null,
  live: true,
  nextRetryAt: null,
  clockOffsetMs: 0,
};

/** Stands in for desktop sync (desktopSync.ts): what the handlers asked of it, in order. */
const makeSyncRecorder = () => {
  const calls: string[] = [];
  const attachedTo: AttachTarget[] = [];
  const sync: ShellSync = {
    syncNow: () => calls.push('syncNow'),
    status: () => idle,
    attach: (target) => {
      calls.push('attach');
      attachedTo.push(target);
      // What desktop sync does: the page's half of a fresh channel goes back to the page that asked.
      target.postMessage(SYNC_PORT_MESSAGE, null, [{ port: 2 }]);
    },
    stop: () => calls.push('stop'),
  };
  return { sync, calls, attachedTo };
};

let userData: string;
beforeEach(async () => {
  userData = await mkdtemp(join(folder, 'user-data-'));
});

const setUp = () => {
  const ipcMain = makeFakeIpcMain();
  const session = createMainSession({
    defaultServerUrl: server.url,
    secrets: createSecretStore({ folder: userData, safeStorage: makeFakeSafeStorage(), platform: 'linux' }),
    fetch,
  });
  const log = createLogFile({ folder: userData, level: 'debug' });
  const { sync, calls, attachedTo } = makeSyncRecorder();
  const opened: string[] = [];
  const titles: string[] = [];
  const appInfo: AppInfo = { version: '0.1.0', platform: 'linux', serverUrl: server.url, secretStorage: 'plain-text', isUnencryptedAllowed: false };
  registerIpcHandlers(
    ipcMain,
    createShellHandlers({
      session,
      sync,
      log,
      appInfo: () => appInfo,
      openExternal: async (url) => {
        opened.push(url);
      },
      setTitle: (title) => titles.push(title),
    }),
    isTrustedSenderFor(APP),
  );
  const page = makeFakeWebContents(`${APP}/queue`);
  const invoke = (channel: string, ...args: unknown[]) => ipcMain.invokeFrom(invokeEventFrom(page, page.mainFrame), channel, ...args);
  const readLog = async () => {
    await log.flush();
    return readFile(join(userData, 'logs', 'main.log'), 'utf8');
  };
  return { ipcMain, session, page, invoke, calls, attachedTo, opened, titles, readLog };
};

describe('createShellHandlers', () => {
  it('answers app:info', async () => {
    const { invoke } = setUp();
    expect(await invoke('app:info')).toEqual({
      ok: true,
      value: { version: '0.1.0', platform: 'linux', serverUrl: server.url, secretStorage: 'plain-text', isUnencryptedAllowed: false },
    });
  });

  it('signs in through the main process and tells the page who, never the token', async () => {
    const { invoke, session, calls } = setUp();
    expect(await invoke('session:get')).toEqual({ ok: true, value: null });
    expect(await invoke('session:signIn', { username: 'sam', password: 'wrong-password' })).toEqual({
      ok: true,
      value: { signedIn: false, reason: 'invalid_credentials' },
    });
    const signedIn = await invoke('session:signIn', { username: ' sam ', password: 'demo-password' });
    expect(signedIn).toMatchObject({ ok: true, value: { signedIn: true, session: { serverUrl: server.url, user: { username: 'sam' } } } });
    expect(JSON.stringify(signedIn)).not.toContain(session.token() ?? 'no token');
    expect(await invoke('session:get')).toMatchObject({ ok: true, value: { user: { username: 'sam' } } });
    // Signing in does not start sync: the page attaches once its cache is open.
    expect(calls).toEqual([]);
  });

  it('attaches the sync store of the page that asked, only when signed in', async () => {
    const { invoke, page, attachedTo } = setUp();
    expect(await invoke('sync:attach')).toEqual({
      ok: false,
      error: { code: 'handler_failed', message: 'sync:attach: sign in before attaching the sync store' },
    });
    await invoke('session:signIn', { username: 'tina', password: 'demo-password' });
    expect(await invoke('sync:attach')).toEqual({ ok: true, value: null });
    expect(attachedTo).toHaveLength(1);
    expect(attachedTo[0]).toBe(page);
    expect(page.posted).toEqual([{ channel: SYNC_PORT_MESSAGE, message: null, transfer: [{ port: 2 }] }]);
  });

  it('asks for a sync at once and reports its status', async () => {
    const { invoke, calls } = setUp();
    expect(await invoke('sync:now')).toEqual({ ok: true, value: null });
    expect(await invoke('sync:status')).toEqual({ ok: true, value: idle });
    expect(calls).toEqual(['syncNow']);
  });

  it('stops sync on sign-out, then forgets the session and revokes the token', async () => {
    const { invoke, session, calls } = setUp();
    await invoke('session:signIn', { username: 'rita', password: 'demo-password' });
    await invoke('sync:attach');
    const token = session.token();
    expect(await invoke('session:signOut')).toEqual({ ok: true, value: null });
    expect(calls).toEqual(['attach', 'stop']);
    expect(await invoke('session:get')).toEqual({ ok: true, value: null });
    const me = await fetch(`${server.url}/api/auth/me`, { headers: { authorization: `Bearer ${token ?? ''}` } });
    expect(me.status).toBe(401);
  });

  it("stops the previous user's sync before someone else signs in", async () => {
    const { invoke, calls } = setUp();
    await invoke('session:signIn', { username: 'tina', password: 'demo-password' });
    await invoke('sync:attach');
    await invoke('session:signIn', { username: 'tomas', password: 'demo-password' });
    expect(calls).toEqual(['attach', 'stop']);
    expect(await invoke('session:get')).toMatchObject({ ok: true, value: { user: { username: 'tomas' } } });
  });

  it('opens http(s) addresses only, in the system browser', async () => {
    const { invoke, opened } = setUp();
    expect(await invoke('app:openExternal', { url: 'https://kb.example.co.id/artikel/42' })).toEqual({ ok: true, value: null });
    expect(await invoke('app:openExternal', { url: 'file:///etc/passwd' })).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    expect(await invoke('app:openExternal', { url: 'javascript:alert(1)' })).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    expect(opened).toEqual(['https://kb.example.co.id/artikel/42']);
  });

  it('shows the pending count in the window title', async () => {
    const { invoke, titles } = setUp();
    await invoke('window:setTitleBadge', { pending: 4 });
    await invoke('window:setTitleBadge', { pending: 0 });
    expect(await invoke('window:setTitleBadge', { pending: 1.5 })).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    expect(titles).toEqual(['Meja (4)', 'Meja']);
  });

  it("writes the page's log lines under a renderer scope, without secrets", async () => {
    const { invoke, readLog } = setUp();
    await invoke('log:write', { level: 'warn', scope: 'tickets', message: 'retrying with Bearer abc123' });
    expect(await invoke('log:write', { level: 'trace', scope: 'tickets', message: 'x' })).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    expect(await invoke('log:write', { level: 'info', scope: 'Not A Scope', message: 'x' })).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    expect(await readLog()).toMatch(/^\S+Z WARN {2}\[renderer:tickets\] retrying with Bearer \[redacted\]\n$/);
  });

  it('refuses every channel to a frame that is not the console, before its handler runs', async () => {
    const { ipcMain, calls, titles, opened, readLog, session } = setUp();
    const evil = makeFakeWebContents('https://evil.example/');
    const console = makeFakeWebContents(`${APP}/`);
    const frames = [invokeEventFrom(evil, evil.mainFrame), invokeEventFrom(console, console.subframe('https://ads.example/'))];
    const requests: [string, unknown][] = [
      ['app:info', undefined],
      ['session:get', undefined],
      ['session:signIn', { username: 'sam', password: 'demo-password' }],
      ['session:signOut', undefined],
      ['sync:now', undefined],
      ['sync:status', undefined],
      ['sync:attach', undefined],
      ['app:openExternal', { url: 'https://example.com' }],
      ['window:setTitleBadge', { pending: 1 }],
      ['log:write', { level: 'error', scope: 'x', message: 'forged' }],
    ];
    for (const event of frames) {
      for (const [channel, args] of requests) {
        expect(await ipcMain.invokeFrom(event, channel, args)).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
      }
    }
    expect([calls, titles, opened, evil.posted, console.posted]).toEqual([[], [], [], [], []]);
    expect(session.get()).toBeNull();
    await expect(readLog()).rejects.toThrow(/ENOENT/);
  });
});
