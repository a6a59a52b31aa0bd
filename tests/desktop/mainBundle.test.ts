import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { contentSecurityPolicy } from '../../electron/main/windowOptions';
import { createMainProcessFake, hookElectronModule, type FakeCall, type MainProcessFake } from '../../electron/testing/mainProcessFake';
import { REQUEST_CHANNELS } from '../../shared/ipc/channels';
import { startTestServer, type TestServer } from '../support/testServer';

/**
 * The start-up of the desktop app as it ships: the BUILT dist/electron/main.cjs (package.json
 * `main`) loaded in Node, with `require("electron")` answered by a fake that records every call.
 * This is the only test of electron/main/index.ts itself; the modules it wires have their own.
 */
const root = join(import.meta.dirname, '..', '..');
const bundlePath = join(root, 'dist', 'electron', 'main.cjs');
const rendererIndex = join(root, 'dist', 'renderer', 'index.html');
const nodeRequire = createRequire(import.meta.url);

const requireBuilt = (): void => {
  if (!existsSync(bundlePath)) throw new Error(`${bundlePath} is missing: run npm run build (or npx tsx scripts/build-electron.ts) first`);
  if (!existsSync(rendererIndex)) throw new Error(`${rendererIndex} is missing: run npm run build (or npx vite build) first`);
};

/** Evaluates the bundle afresh (its modules are all inside it, so one cache entry is the whole app). */
const loadBundle = (fake: MainProcessFake): (() => void) => {
  const restore = hookElectronModule(fake);
  Reflect.deleteProperty(nodeRequire.cache, bundlePath);
  try {
    nodeRequire(bundlePath);
  } catch (error) {
    restore();
    throw error;
  }
  return restore;
};

/** Rejects when start-up fails after ready (index.ts runs it as a floating promise), so the test fails at once instead of waiting for a window that never comes. */
const startupFailure = (): { promise: Promise<never>; dispose: () => void } => {
  let listener: (reason: unknown) => void = () => undefined;
  const promise = new Promise<never>((_resolve, reject) => {
    listener = (reason) => reject(reason instanceof Error ? reason : new Error(String(reason)));
    process.once('unhandledRejection', listener);
  });
  return { promise, dispose: () => process.removeListener('unhandledRejection', listener) };
};

const namesOf = (calls: readonly FakeCall[]): string[] => calls.map((call) => call.name);

const savedEnv = { server: process.env.MEJA_SERVER_URL, update: process.env.MEJA_UPDATE_URL, level: process.env.MEJA_LOG_LEVEL };
const restoreEnv = (name: string, value: string | undefined): void => {
  if (value === undefined) Reflect.deleteProperty(process.env, name);
  else process.env[name] = value;
};

describe('the built main bundle starting as the first instance', () => {
  let userData: string;
  let fake: MainProcessFake;
  let restoreLoader: () => void = () => undefined;
  let callsBeforeReady: FakeCall[] = [];
  let server: TestServer | undefined;
  let serverUrl = '';

  beforeAll(async () => {
    requireBuilt();
    userData = await mkdtemp(join(tmpdir(), 'meja-main-bundle-'));
    server = await startTestServer(`sqlite:${join(userData, 'server.sqlite')}`, { demo: true });
    serverUrl = server.url;
    process.env.MEJA_SERVER_URL = serverUrl;
    delete process.env.MEJA_UPDATE_URL;
    delete process.env.MEJA_LOG_LEVEL;
    // electron-updater looks for `resourcesPath/package-type` when autoUpdater is first read;
    // Electron sets it, Node does not. An empty folder means "no package type", as unpackaged.
    Object.defineProperty(process, 'resourcesPath', { value: userData, configurable: true });
    fake = createMainProcessFake({ userData, appPath: root, lockGranted: true, version: '0.1.0', fetch });
    const failure = startupFailure();
    try {
      restoreLoader = loadBundle(fake);
      callsBeforeReady = [...fake.calls];
      fake.ready();
      // macOS sends `activate` at launch, while start-up is still under way: it must not add a window.
      fake.electron.app.emit('activate');
      await new Promise<void>((resolve) => setImmediate(resolve));
      fake.electron.app.emit('activate');
      await Promise.race([fake.nextWindow(), failure.promise]);
    } finally {
      failure.dispose();
    }
  });

  afterAll(async () => {
    restoreLoader();
    await server?.close();
    Reflect.deleteProperty(process, 'resourcesPath');
    restoreEnv('MEJA_SERVER_URL', savedEnv.server);
    restoreEnv('MEJA_UPDATE_URL', savedEnv.update);
    restoreEnv('MEJA_LOG_LEVEL', savedEnv.level);
    if (userData !== undefined) await rm(userData, { recursive: true, force: true });
  });

  it('before ready: sandbox on, app:// privileged, the lock asked for, in that order, and nothing else yet', () => {
    const names = namesOf(callsBeforeReady);
    expect(names.slice(0, 3)).toEqual(['app.enableSandbox', 'protocol.registerSchemesAsPrivileged', 'app.requestSingleInstanceLock']);
    expect(names).not.toContain('protocol.handle');
    expect(names).not.toContain('ipcMain.handle');
    expect(names).not.toContain('BrowserWindow.new');
    expect(names).not.toContain('app.quit');
    const registration = callsBeforeReady.find((call) => call.name === 'protocol.registerSchemesAsPrivileged');
    expect(registration?.args[0]).toEqual([
      {
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true, bypassCSP: false, allowServiceWorkers: false }),
      },
    ]);
  });

  it('serves app://console/ with the built index.html and the Content-Security-Policy', async () => {
    const handler = fake.protocolHandlers.get('app');
    expect(handler).toBeDefined();
    const response = await handler?.(new Request('app://console/'));
    expect(response?.status).toBe(200);
    expect(response?.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
    expect(response?.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response?.text()).toBe(await readFile(rendererIndex, 'utf8'));
    // A way out of the build (an encoded back slash) is refused, not read.
    const outside = await handler?.(new Request('app://console/%5c..%5cpackage.json'));
    expect(outside?.status).toBe(403);
  });

  it('registers a handler for every request channel of the contract, after the scheme handler', () => {
    expect([...fake.ipcHandlers.keys()].sort()).toEqual([...REQUEST_CHANNELS].sort());
    const names = namesOf(fake.calls);
    expect(names.indexOf('protocol.handle')).toBeGreaterThan(names.indexOf('app.whenReady'));
    expect(names.indexOf('ipcMain.handle')).toBeGreaterThan(names.indexOf('protocol.handle'));
  });

  it('opens one sandboxed, isolated window with the built preload on app://console/', async () => {
    // Whatever start-up still had queued (a window asked for by `activate`) has finished by now.
    await fake.nextWindow();
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(fake.windows).toHaveLength(1);
    const [window] = fake.windows;
    expect(window?.options.webPreferences).toEqual(
      expect.objectContaining({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        preload: join(root, 'dist', 'electron', 'preload.cjs'),
      }),
    );
    expect(window?.loadedUrls).toEqual(['app://console/']);
    // Permission guards are in place before the page can ask for anything.
    const names = namesOf(fake.calls);
    expect(names.indexOf('session.setPermissionRequestHandler')).toBeGreaterThan(-1);
    expect(names.indexOf('session.setPermissionCheckHandler')).toBeGreaterThan(-1);
    expect(names.indexOf('session.setPermissionRequestHandler')).toBeLessThan(names.indexOf('window.loadURL'));
  });

  it('puts up a tray icon and an application menu, and did not touch the network', () => {
    expect(fake.trays).toHaveLength(1);
    expect(fake.trays[0]?.iconPath).toBe(join(root, 'build', 'tray', 'tray.png'));
    expect(existsSync(fake.trays[0]?.iconPath ?? '')).toBe(true);
    expect(fake.trays[0]?.contextMenu).not.toBeNull();
    expect(fake.applicationMenu()?.template.length).toBeGreaterThan(0);
    expect(typeof fake.permission.request).toBe('function');
    expect(typeof fake.permission.check).toBe('function');
    expect(namesOf(fake.calls)).not.toContain('net.fetch');
  });

  it('logs that updates are off without MEJA_UPDATE_URL', async () => {
    const logFile = join(userData, 'logs', 'main.log');
    // The log writes in the background; wait for the lines rather than for a time.
    await vi.waitFor(async () => {
      const text = await readFile(logFile, 'utf8');
      expect(text).toMatch(/\[updater\] updates off: no update URL is configured \(MEJA_UPDATE_URL\)/);
      expect(text).toContain(`started; server ${serverUrl}`);
    });
  });

  it('answers app:info to the console page, and refuses a page on another origin', async () => {
    expect(await fake.invoke('app:info', 'app://console/')).toEqual({
      ok: true,
      value: { version: '0.1.0', platform: process.platform, serverUrl: serverUrl, secretStorage: 'os', isUnencryptedAllowed: false },
    });
    expect(await fake.invoke('session:get', 'app://console/tickets')).toEqual({ ok: true, value: null });
    expect(await fake.invoke('app:info', 'https://evil.example/')).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'forbidden_sender' }),
    });
  });

  it('signs in through the main process over net.fetch, keeping the token out of the answer and the file', async () => {
    const outcome = await fake.invoke('session:signIn', 'app://console/', { username: 'tina', password: 'demo-password' });
    expect(outcome).toEqual({
      ok: true,
      value: { signedIn: true, session: { serverUrl: serverUrl, user: expect.objectContaining({ username: 'tina' }) } },
    });
    expect(JSON.stringify(outcome)).not.toMatch(/token/i);
    expect(fake.calls).toContainEqual({ name: 'net.fetch', args: [`${serverUrl}/api/auth/login`] });
    expect(await fake.invoke('session:get', 'app://console/')).toEqual({
      ok: true,
      value: { serverUrl: serverUrl, user: expect.objectContaining({ username: 'tina' }) },
    });
    const stored = await readFile(join(userData, 'session.json'), 'utf8');
    expect(stored).not.toContain('demo-password');
    expect(stored).toContain('encryptedToken');
    expect(await fake.invoke('session:signOut', 'app://console/')).toEqual({ ok: true, value: null });
    expect(await fake.invoke('session:get', 'app://console/')).toEqual({ ok: true, value: null });
  });

  it('does not claim meja:// while unpackaged, yet a link from a second start opens the ticket in this window', async () => {
    expect(namesOf(fake.calls)).not.toContain('app.setAsDefaultProtocolClient');
    const window = await fake.nextWindow();
    window.hide();
    fake.electron.app.emit('second-instance', { preventDefault: () => undefined }, ['meja', 'meja://ticket/ABCD-2345'], root);
    expect(window.isVisible()).toBe(true);
    expect(window.webContents.sent).toContainEqual({ channel: 'deepLink:openTicket', payload: { code: 'ABCD-2345' } });
  });

  it('hides the window on close until the app is quitting, then really closes it', async () => {
    const window = await fake.nextWindow();
    window.show();
    window.close();
    expect(window.isDestroyed()).toBe(false);
    expect(window.isVisible()).toBe(false);
    // The dock icon (macOS `activate`) brings the same window back.
    fake.electron.app.emit('activate');
    expect(window.isVisible()).toBe(true);
    expect(fake.windows).toHaveLength(1);
    window.close();

    fake.electron.app.emit('before-quit', { preventDefault: () => undefined });
    expect(fake.trays[0]?.destroyed).toBe(true);
    window.close();
    expect(window.isDestroyed()).toBe(true);
  });
});

describe('the built main bundle as a second instance', () => {
  it('quits when the lock is refused, without a window, a handler or a tray', async () => {
    requireBuilt();
    const userData = await mkdtemp(join(tmpdir(), 'meja-main-bundle-2-'));
    const fake = createMainProcessFake({ userData, appPath: root, lockGranted: false, version: '0.1.0' });
    const restore = loadBundle(fake);
    try {
      fake.ready();
      // Whatever the app queued on ready has had its turn.
      await new Promise<void>((resolve) => setImmediate(resolve));
      const names = namesOf(fake.calls);
      expect(names).toEqual(['app.enableSandbox', 'protocol.registerSchemesAsPrivileged', 'app.requestSingleInstanceLock', 'app.quit']);
      expect(fake.windows).toHaveLength(0);
      expect(fake.ipcHandlers.size).toBe(0);
      expect(fake.trays).toHaveLength(0);
      expect(fake.electron.app.listenerCount('second-instance')).toBe(0);
    } finally {
      restore();
      await rm(userData, { recursive: true, force: true });
    }
  });
});

describe('the built main bundle when packaged', () => {
  it('claims meja:// before ready and takes the tray icon from the resources folder', async () => {
    requireBuilt();
    const userData = await mkdtemp(join(tmpdir(), 'meja-main-bundle-3-'));
    Object.defineProperty(process, 'resourcesPath', { value: join(root, 'build'), configurable: true });
    const fake = createMainProcessFake({ userData, appPath: root, lockGranted: true, version: '0.1.0', isPackaged: true });
    const restore = loadBundle(fake);
    try {
      const names = namesOf(fake.calls);
      expect(names).toContain('app.setAsDefaultProtocolClient');
      expect(fake.calls.find((call) => call.name === 'app.setAsDefaultProtocolClient')?.args).toEqual(['meja']);
      expect(names).not.toContain('protocol.handle');
      const failure = startupFailure();
      try {
        fake.ready();
        await Promise.race([fake.nextWindow(), failure.promise]);
      } finally {
        failure.dispose();
      }
      // <resources>/tray is where electron-builder.yml's extraResources puts build/tray.
      expect(fake.trays[0]?.iconPath).toBe(join(root, 'build', 'tray', 'tray.png'));
    } finally {
      restore();
      Reflect.deleteProperty(process, 'resourcesPath');
      await rm(userData, { recursive: true, force: true });
    }
  });
});
