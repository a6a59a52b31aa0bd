import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeEvent, resetWindowFake, windowFakeState } from '../testing/windowFake';
import { APP_ORIGIN } from './appScheme';
import { createConsoleWindow, installSessionGuards, openDeepLink } from './window';
import { loadWindowState, saveWindowState } from './windowStateFile';

vi.mock('electron', async () => (await import('../testing/windowFake')).windowFake);

const appOrigin = APP_ORIGIN;
let stateFolder = '';
let isQuitting = false;

beforeEach(async () => {
  resetWindowFake();
  isQuitting = false;
  stateFolder = await mkdtemp(join(tmpdir(), 'meja-window-'));
});
afterEach(async () => {
  await rm(stateFolder, { recursive: true, force: true });
});

const openWindow = async () => {
  const window = await createConsoleWindow({ preloadPath: '/app/preload.cjs', stateFolder, shouldHideOnClose: () => !isQuitting });
  const fake = windowFakeState.windows[0];
  if (fake === undefined) throw new Error('no window was created');
  return Object.assign(fake, { real: window });
};

describe('createConsoleWindow', () => {
  it('builds the window from the checked options and loads the console from app://console/', async () => {
    const fake = await openWindow();
    expect(fake.options).toMatchObject({
      show: false,
      webPreferences: { preload: '/app/preload.cjs', contextIsolation: true, sandbox: true, nodeIntegration: false },
    });
    expect(fake.loadedUrl).toBe('app://console/');
    expect(fake.shown).toBe(false);
    fake.events.emit('ready-to-show');
    expect(fake.shown).toBe(true);
  });

  it('reopens where it was closed, maximised again if it was', async () => {
    saveWindowState(stateFolder, { x: 200, y: 100, width: 1500, height: 900, maximized: true });
    const fake = await openWindow();
    expect(fake.options).toMatchObject({ x: 200, y: 100, width: 1500, height: 900 });
    fake.events.emit('ready-to-show');
    expect(fake.maximized).toBe(true);
  });

  it('remembers its bounds when it closes', async () => {
    const fake = await openWindow();
    fake.normalBounds = { x: 50, y: 60, width: 1000, height: 700 };
    fake.events.emit('close', fakeEvent());
    expect(await loadWindowState(stateFolder)).toEqual({ x: 50, y: 60, width: 1000, height: 700, maximized: false });
  });

  it('hides to the tray when closed, so the page and its sync keep running', async () => {
    const fake = await openWindow();
    fake.events.emit('ready-to-show');
    const close = fakeEvent();
    fake.events.emit('close', close);
    expect(close.defaultPrevented).toBe(true);
    expect(fake.shown).toBe(false);
  });

  it('really closes once the app is quitting', async () => {
    const fake = await openWindow();
    fake.events.emit('ready-to-show');
    isQuitting = true;
    const close = fakeEvent();
    fake.events.emit('close', close);
    expect(close.defaultPrevented).toBe(false);
  });

  it('really closes when the app did not ask for hiding', async () => {
    await createConsoleWindow({ preloadPath: '/p.cjs', stateFolder });
    const close = fakeEvent();
    windowFakeState.windows[0]?.events.emit('close', close);
    expect(close.defaultPrevented).toBe(false);
  });

  it('comes back from the tray for a deep link', async () => {
    const fake = await openWindow();
    fake.events.emit('ready-to-show');
    fake.events.emit('close', fakeEvent());
    fake.webContents.finishLoad();
    openDeepLink(fake.real, { kind: 'ticket', code: 'ABCD-2345' });
    expect(fake.shown).toBe(true);
    expect(fake.focused).toBe(true);
    expect(fake.webContents.sent).toEqual([{ channel: 'deepLink:openTicket', payload: { code: 'ABCD-2345' } }]);
  });

  it('keeps the page on its origin: navigation and redirects elsewhere are prevented', async () => {
    const { webContents } = await openWindow();
    const inside = fakeEvent();
    webContents.events.emit('will-navigate', inside, `${appOrigin}/ticket/ABCD-2345`);
    expect(inside.defaultPrevented).toBe(false);
    for (const [name, target] of [
      ['will-navigate', 'https://evil.example/'],
      ['will-navigate', 'file:///etc/passwd'],
      ['will-navigate', 'app://evil/'],
      ['will-navigate', 'http://127.0.0.1:4780/'],
      ['will-redirect', 'http://127.0.0.1:9999/'],
    ] as const) {
      const event = fakeEvent();
      webContents.events.emit(name, event, target);
      expect(event.defaultPrevented, `${name} ${target}`).toBe(true);
    }
  });

  it('refuses to attach a webview', async () => {
    const { webContents } = await openWindow();
    const event = fakeEvent();
    webContents.events.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });

  it('opens no new windows; plain web links go to the system browser, nothing else does', async () => {
    const { webContents } = await openWindow();
    const handler = webContents.windowOpenHandler;
    if (handler === null) throw new Error('no window-open handler');
    for (const url of ['https://kb.example.com/a', 'javascript:alert(1)', 'file:///C:/x.exe', 'http://u:p@example.com/']) {
      expect(handler({ url })).toEqual({ action: 'deny' });
    }
    expect(windowFakeState.openedExternally).toEqual(['https://kb.example.com/a']);
  });
});

describe('installSessionGuards', () => {
  it('refuses permission requests except clipboard writes from our page', () => {
    installSessionGuards(appOrigin);
    const request = windowFakeState.permissionRequestHandler;
    const check = windowFakeState.permissionCheckHandler;
    if (request === null || check === null) throw new Error('permission handlers missing');
    const answers: boolean[] = [];
    const ours = { getURL: () => `${appOrigin}/` };
    request(ours, 'media', (granted) => answers.push(granted));
    request(ours, 'geolocation', (granted) => answers.push(granted));
    request({ getURL: () => 'https://evil.example/' }, 'clipboard-sanitized-write', (granted) => answers.push(granted));
    request({ getURL: () => 'http://127.0.0.1:4780/' }, 'clipboard-sanitized-write', (granted) => answers.push(granted));
    request(ours, 'clipboard-sanitized-write', (granted) => answers.push(granted));
    expect(answers).toEqual([false, false, false, false, true]);
    expect(check(null, 'notifications', appOrigin)).toBe(false);
    expect(check(null, 'clipboard-sanitized-write', appOrigin)).toBe(true);
  });

  it('guards the app origin when called without one', () => {
    installSessionGuards();
    const check = windowFakeState.permissionCheckHandler;
    expect(check?.(null, 'clipboard-sanitized-write', 'app://console')).toBe(true);
    expect(check?.(null, 'clipboard-sanitized-write', 'app://other')).toBe(false);
  });
});
